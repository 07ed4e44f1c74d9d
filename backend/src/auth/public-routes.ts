/**
 * The one rule for which requests need an API token: every request under
 * `/api/` but these public paths and CORS preflights (nothing else is
 * served: outside `/api/` every path is a plain 404). The forged-token gate (before Fastify
 * routes a request) and the JwtAuthGuard (after) both ask it, about the same
 * raw URL, so they cannot disagree.
 *
 * Exact paths only, so no public path can ever be routed to a task route:
 * the probes, the OpenAPI document, Swagger UI's page and its asset files
 * (one segment with a dot, which no route parameter here takes). A public
 * path written another way (`/api/health/live/`, percent-encoded) is simply
 * treated as needing a token.
 */
const PUBLIC_PATH = /^\/api\/(?:health\/(?:live|ready)|docs-json|docs\/?|docs\/[\w-]+\.[\w.-]+)$/;

export function requiresApiToken(method: string | undefined, url: string | undefined): boolean {
  if (method === 'OPTIONS') return false;
  const path = url ?? '/';
  if (!path.startsWith('/api/')) return false;
  const query = path.indexOf('?');
  return !PUBLIC_PATH.test(query < 0 ? path : path.slice(0, query));
}
