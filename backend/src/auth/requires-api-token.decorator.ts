import { RouteConfig } from '@nestjs/platform-fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by {@link RequiresApiToken}. */
    apiToken?: boolean;
  }
}

/**
 * Marks a handler whose token is verified in Fastify's onRequest hook, before
 * routing and body handling (see verify-api-token.hook.ts), and whose
 * unauthenticated requests the forged-token gate may answer before Fastify.
 * The global JwtAuthGuard still protects any route that lacks the mark.
 */
export const RequiresApiToken = () => RouteConfig({ apiToken: true });
