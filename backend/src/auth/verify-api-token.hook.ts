import type { FastifyInstance } from 'fastify';
import { sendUnauthorized } from '../http/problem-details';
import './requires-api-token.decorator';
import { JwtStrategy } from './jwt.strategy';

/**
 * Verifies the API token of routes marked {@link RequiresApiToken} in
 * Fastify's onRequest hook, with the same passport-jwt strategy the guard
 * uses: a bad token (expired, wrong claims; forged ones were mostly answered
 * by the forged-token gate already) is answered 401 before Nest routes the
 * request or reads a byte of its body, and a good one leaves the user on the
 * request for the guards (403, 429) that follow.
 */
export function verifyApiTokenOnRequest(fastify: FastifyInstance, strategy: JwtStrategy): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.apiToken !== true) return done();
    strategy.verifyRequest(request).then((user) => {
      if (user === null) return sendUnauthorized(reply, request);
      (request as { user?: unknown }).user = user;
      done();
    }, done);
  });
}
