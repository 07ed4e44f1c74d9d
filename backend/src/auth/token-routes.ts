import FindMyWay from 'find-my-way';
import type { FastifyInstance, RouteOptions } from 'fastify';
import './requires-api-token.decorator';

/** Fastify's router options in this app; {@link TokenRoutes} must route exactly as Fastify does. */
export const ROUTER_OPTIONS = {
  // Long user ids must still route (Fastify's default limit is 100).
  maxParamLength: 1024,
} as const;

/**
 * Which routes require an API token, answered for a method and URL before
 * Fastify has routed the request (see forged-token-gate.ts). It copies every
 * route Fastify registers, with its {@link RequiresApiToken} mark, into a
 * router of the same library and options as Fastify's own (find-my-way), so
 * a URL resolves to the same route in both.
 */
export class TokenRoutes {
  private readonly router = FindMyWay<FindMyWay.HTTPVersion.V1>(ROUTER_OPTIONS);

  /** Starts copying routes; call before any route is registered. */
  collectFrom(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(
        (method) => method.toUpperCase() as FindMyWay.HTTPMethod,
      );
      const store = { apiToken: route.config?.apiToken === true };
      for (const method of methods) {
        // A method or path find-my-way cannot take is simply not known here:
        // such requests go to Fastify, which decides as it always does.
        try {
          this.router.on(method, route.url, () => undefined, store);
        } catch {
          continue;
        }
      }
    });
  }

  /**
   * True when `method url` reaches a route marked {@link RequiresApiToken};
   * false for public routes, unknown ones (Fastify's not-found handler) and
   * URLs the router cannot decode.
   */
  requiresToken(method: string, url: string): boolean {
    try {
      const match = this.router.find(method as FindMyWay.HTTPMethod, url);
      return (match?.store as { apiToken?: boolean } | undefined)?.apiToken === true;
    } catch {
      return false;
    }
  }
}
