import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * helmet's security headers on every response. The middleware is built once
 * (the Fastify plugin rebuilds it on every request), and the CSP lets Swagger
 * UI load its own scripts and styles from this origin.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => headers(request.raw, reply.raw, () => done()));
}
