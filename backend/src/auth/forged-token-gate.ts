import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { CorsPolicy } from '../http/cors-policy';
import { bearerChallenge, PROBLEM_CONTENT_TYPE, unauthorizedJson } from '../http/problem-details';
import type { SecurityHeaders } from '../http/security-headers';
import { logRequestCompleted, requestIdFor } from '../logging/logger';
import { ApiTokenKeys } from './api-token-keys';
import { bearerTokenFrom } from './bearer-token';
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
  // The headers every 401 repeats, as one flat name/value list built once:
  // Node writes a list in a plain loop, where an object of headers cost as
  // much as the HMAC.
  const sameHeaders = [...Object.entries(options.securityHeaders).flat(), 'content-type', PROBLEM_CONTENT_TYPE];
  return (request, response) => {
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS' || closing()) return false;
    const token = bearerTokenFrom(request);
    if (token !== null && (verified.signedByUs(token) || keys.signingKey(token) !== undefined)) return false;
    if (!routes.requiresToken(method, request.url ?? '/')) return false;

    const started = performance.now();
    const requestId = requestIdFor(request);
    const body = unauthorizedJson(request.url);
    const origin = request.headers.origin;
    response.writeHead(401, [
      ...cors.headersFor(typeof origin === 'string' ? origin : undefined),
      'x-request-id',
      requestId,
      ...sameHeaders,
      'www-authenticate',
      bearerChallenge(request.headers.authorization),
      'content-length',
      String(Buffer.byteLength(body)),
    ]);
    response.end(body);
    logRequestCompleted(logger, requestId, request, 401, performance.now() - started);
    return true;
  };
}
