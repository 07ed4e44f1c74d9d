import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { CorsPolicy } from '../http/cors-policy';
import { bearerChallenge, PROBLEM_CONTENT_TYPE, unauthorizedJson } from '../http/problem-details';
import type { SecurityHeaders } from '../http/security-headers';
import { logRequestCompleted, requestIdFor } from '../logging/logger';
import { ApiTokenKeys } from './api-token-keys';
import { presentedBearerToken } from './bearer-token';
import { TokenRoutes } from './token-routes';
import { VerifiedTokens } from './verified-tokens';

export interface ForgedTokenGateOptions {
  keys: ApiTokenKeys;
  /** Tokens verified in full already: their signature needs no second look. */
  verified: VerifiedTokens;
  routes: TokenRoutes;
  cors: CorsPolicy;
  /** The security headers of every API response (see security-headers.ts). */
  securityHeaders: SecurityHeaders;
  logger: Logger;
  /** True once shutdown began: Fastify then answers every request 503. */
  closing: () => boolean;
}

/** Answers the request (true) or leaves it to Fastify (false). */
export type RequestGate = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * The cheapest answer to a request that can only be a 401: before Fastify
 * routes it, a request for a route that requires an API token, carrying no
 * bearer token or one whose HS256 signature no known key made, gets the very
 * 401 the framework would give (same status, headers and body; the e2e tests
 * compare them) for one HMAC and no allocation beyond the answer. Under a
 * flood of forged tokens this is what keeps the API's throughput within reach
 * of a bare node:http server (the benchmark's reject scenario).
 *
 * Everything else (a valid signature whose claims still need checking,
 * preflights, public and unknown routes, shutdown) goes on to Fastify, where
 * the onRequest hook verifies the token in full with passport-jwt. The gate
 * only ever answers sooner what the hook would answer anyway.
 */
export function forgedTokenGate(options: ForgedTokenGateOptions): RequestGate {
  const { keys, verified, routes, cors, logger, closing } = options;
  const answer = new UnauthorizedHeaders(cors, options.securityHeaders);
  return (request, response) => {
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS' || closing()) return false;
    const authorization = request.headers.authorization;
    const token = presentedBearerToken(authorization);
    if (token !== null && (verified.signedByUs(token) || keys.signingKey(token) !== undefined)) return false;
    if (!routes.requiresToken(method, request.url ?? '/')) return false;

    const logs = logger.isLevelEnabled('info');
    const started = logs ? performance.now() : 0;
    const requestId = requestIdFor(request);
    const body = unauthorizedJson(request.url);
    const origin = request.headers.origin;
    // A header that starts with "Bearer " sent a token: the challenge names the error.
    const challenge = token !== null ? INVALID_TOKEN_CHALLENGE : bearerChallenge(authorization);
    response.writeHead(401, answer.for(typeof origin === 'string' ? origin : undefined, requestId, challenge, Buffer.byteLength(body)));
    response.end(body);
    if (logs) logRequestCompleted(logger, requestId, request, 401, performance.now() - started);
    return true;
  };
}

const INVALID_TOKEN_CHALLENGE = bearerChallenge('Bearer ');

/**
 * The headers of the gate's 401, as Fastify's answer carries them (CORS,
 * security headers, content type, request id, challenge, length), as one
 * flat name/value list: Node writes a list in a plain loop, where an object
 * of headers cost as much as the HMAC. The list is built once, the values
 * that vary last and blank; each answer copies it and fills them in. A
 * request from an allowed Origin, rare on this path, gets the CORS headers
 * that echo it in front.
 */
class UnauthorizedHeaders {
  /** What follows the CORS headers, values blank. */
  private readonly tail: readonly string[];
  /** Vary alone (no or another Origin), then the tail. */
  private readonly withoutCors: readonly string[];

  constructor(
    private readonly cors: CorsPolicy,
    securityHeaders: SecurityHeaders,
  ) {
    this.tail = [
      ...Object.entries(securityHeaders).flat(),
      'content-type',
      PROBLEM_CONTENT_TYPE,
      'x-request-id',
      '',
      'www-authenticate',
      '',
      'content-length',
      '',
    ];
    this.withoutCors = [...cors.headersFor(undefined), ...this.tail];
  }

  for(origin: string | undefined, requestId: string, challenge: string, contentLength: number): string[] {
    const headers = this.cors.allows(origin) ? [...this.cors.headersFor(origin), ...this.tail] : this.withoutCors.slice();
    // The blanks, counted from the end.
    const end = headers.length;
    headers[end - 5] = requestId;
    headers[end - 3] = challenge;
    headers[end - 1] = String(contentLength);
    return headers;
  }
}
