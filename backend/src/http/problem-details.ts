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
    instance: (url ?? '/').split('?')[0],
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return JSON.stringify(body);
}

/** Sends an RFC 9457 body. `url` is the request's; its path becomes `instance`. */
export function sendProblem(reply: FastifyReply, url: string | undefined, problem: Problem): void {
  reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problemJson(url, problem));
}

/** The one 401 answer, whatever the reason (the reason would only help an attacker). */
export const UNAUTHORIZED_DETAIL = 'A valid bearer token is required.';

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
