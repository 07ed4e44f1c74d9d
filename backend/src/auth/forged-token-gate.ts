import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { CorsPolicy } from '../http/cors-policy';
import { bearerChallenge, PROBLEM_CONTENT_TYPE, unauthorizedJson } from '../http/problem-details';
import type { SecurityHeaders } from '../http/security-headers';
import { logRequestCompleted, requestIdFor } from '../logging/logger';
import type { MetricsService } from '../metrics/metrics.service';
import { ApiTokenVerifier } from './api-token-verifier';
import { bearerTokenFrom } from './bearer-token';
import { requiresApiToken } from './public-routes';

export interface ForgedTokenGateOptions {
  verifier: ApiTokenVerifier;
  cors: CorsPolicy;
  /** The security headers of every API response (see security-headers.ts). */
  securityHeaders: SecurityHeaders;
  logger: Logger;
  /** True once shutdown began: Fastify then answers every request 503. */
  closing: () => boolean;
  /** Counts each answer when metrics are on (as unmatched: the gate answers before routing). */
  metrics?: MetricsService;
}

/** Answers the request (true) or leaves it to Fastify (false). */
export type RequestGate = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * The cheapest answer to a request that can only be a 401: before Fastify
 * routes it, a request that needs an API token ({@link requiresApiToken})
 * and carries none, a malformed one, one whose HS256 signature no known key
 * made, or a remembered one whose session has ended since, gets the very 401
 * the JwtAuthGuard would give (same status, headers and body; the e2e tests
 * compare them) for one HMAC or one lookup. Under a flood of forged tokens
 * this is what keeps the API's throughput within reach of a bare node:http
 * server (the benchmark's reject scenario).
 *
 * Everything else (a signature of ours whose claims still need checking,
 * preflights, public paths, shutdown) goes on to Fastify, where the guard
 * verifies the token in full with passport-jwt. The gate only ever answers
 * sooner what the guard would answer anyway.
 */
export function forgedTokenGate(options: ForgedTokenGateOptions): RequestGate {
  const { verifier, cors, logger, closing, metrics } = options;
  const answer = new UnauthorizedHeaders(cors, options.securityHeaders);
  return (request, response) => {
    if (closing() || !requiresApiToken(request.method, request.url)) return false;
    const token = bearerTokenFrom(request);
    if (token !== null && verifier.mayBeValid(token)) return false;
    const authorization = request.headers.authorization;

    const logs = logger.isLevelEnabled('info');
    const started = logs || metrics ? performance.now() : 0;
    const requestId = requestIdFor(request);
    const body = unauthorizedJson(request.url);
    const origin = request.headers.origin;
    const challenge = bearerChallenge(authorization);
    response.writeHead(401, answer.for(typeof origin === 'string' ? origin : undefined, requestId, challenge, Buffer.byteLength(body)));
    response.end(body);
    if (logs || metrics) {
      const elapsed = performance.now() - started;
      if (logs) logRequestCompleted(logger, requestId, request, 401, elapsed);
      metrics?.requestCompleted(request.method ?? '', undefined, 401, elapsed);
    }
    return true;
  };
}

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
