import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Swagger UI's page and assets, and the OpenAPI document as JSON and YAML
// (configure-app.ts sets Swagger up at /api/docs).
const DOCS_URL = /^\/api\/docs(?:$|[/?]|-json|-yaml)/;

/** Security headers, as Fastify sends every header: lower-case name → value. */
export type SecurityHeaders = Readonly<Record<string, string>>;

/**
 * The headers of every API response (JSON, problem+json, 204s): OWASP's REST
 * Security Cheat Sheet set (no-store, `frame-ancestors 'none'`, DENY framing,
 * nosniff, HSTS), plus the two that cost nothing and still help if a response
 * were ever rendered in a browser (`default-src 'none'`, no-referrer) and
 * same-origin resource policy against no-cors reads. helmet's headers that
 * only act on HTML documents (COOP, Origin-Agent-Cluster, X-XSS-Protection,
 * X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies)
 * are left out: they do nothing for JSON, and every byte is paid on every
 * answer, including each 401 to a flood of forged tokens.
 */
export function apiSecurityHeaders(): SecurityHeaders {
  return {
    ...recordHelmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: { action: 'deny' },
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
    'cache-control': 'no-store',
  };
}

/**
 * The headers of Swagger UI (its page, assets and documents under /api/docs):
 * helmet's full document set, with a CSP that lets Swagger UI load its own
 * scripts and styles.
 */
export function docsSecurityHeaders(): SecurityHeaders {
  return recordHelmet({
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
}

/**
 * helmet's headers for these options, computed once: they never vary per
 * request, so helmet runs a single time at start-up against a stand-in
 * response, and every reply then gets the recorded headers in one call (the
 * Fastify plugin rebuilt helmet's middleware, and set each header on the raw
 * response, per request).
 */
function recordHelmet(options: HelmetOptions): SecurityHeaders {
  const headers: Record<string, string> = {};
  const recorder = {
    // Lower case, as Fastify sends every other header.
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Every reply gets the API's headers, or the docs' for Swagger UI's URLs. */
export function addSecurityHeaders(fastify: FastifyInstance, api: SecurityHeaders, docs: SecurityHeaders): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(DOCS_URL.test(request.url) ? docs : api);
    done();
  });
}
