import { STATUS_CODES } from 'node:http';
import type { ProblemDetails } from '@taskgate/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Problem {
  status: number;
  detail: string;
  errors?: ProblemDetails['errors'];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An RFC 9457 body as JSON. `url` is the request's; its path becomes `instance`. */
export function problemJson(url: string | undefined, problem: Problem): string {
  const body: ProblemDetails = {
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance: pathOf(url),
  };
  if (problem.errors) body.errors = problem.errors;
  return JSON.stringify(body);
}

function pathOf(url = '/'): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** Sends an RFC 9457 body. `url` is the request's; its path becomes `instance`. */
export function sendProblem(reply: FastifyReply, url: string | undefined, problem: Problem): void {
  reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problemJson(url, problem));
}

/** The one 401 answer, whatever the reason (the reason would only help an attacker). */
export const UNAUTHORIZED_DETAIL = 'A valid bearer token is required.';

// The 401 body up to the value of its instance (`{…,"instance":`), serialised once.
const UNAUTHORIZED_JSON_START = problemJson('/', { status: 401, detail: UNAUTHORIZED_DETAIL }).replace(/"\/"}$/, '');

/**
 * The 401 body, as {@link problemJson} writes it, for the forged-token gate:
 * only the instance is serialised per request.
 */
export function unauthorizedJson(url: string | undefined): string {
  return `${UNAUTHORIZED_JSON_START}${JSON.stringify(pathOf(url))}}`;
}

/**
 * Sets the RFC 6750 §3 challenge of a 401: the error is named only when a
 * bearer token was sent; no credentials, or another scheme's, get the bare one.
 */
export function setBearerChallenge(reply: FastifyReply, request: Pick<FastifyRequest, 'headers'>): void {
  reply.header('WWW-Authenticate', bearerChallenge(request.headers.authorization));
}

/** The WWW-Authenticate value of a 401 to a request with this Authorization header. */
export function bearerChallenge(authorization: string | undefined): string {
  return /^bearer(\s|$)/i.test(authorization ?? '') ? 'Bearer error="invalid_token"' : 'Bearer';
}

export function sendUnauthorized(reply: FastifyReply, request: Pick<FastifyRequest, 'headers' | 'url'>): void {
  setBearerChallenge(reply, request);
  sendProblem(reply, request.url, { status: 401, detail: UNAUTHORIZED_DETAIL });
}

/** Seconds a client should wait after a 503 before trying again. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/** The 503 detail of a backend deaf to the revocation feed. */
export const FEED_UNHEARD_DETAIL = 'Signed-out sessions cannot be checked right now; try again shortly.';

/** That 503, for a request answered outside Nest's filters (a URL Fastify cannot route). */
export function sendFeedUnheard(reply: FastifyReply, request: Pick<FastifyRequest, 'url'>): void {
  reply.header('Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
  sendProblem(reply, request.url, { status: 503, detail: FEED_UNHEARD_DETAIL });
}
