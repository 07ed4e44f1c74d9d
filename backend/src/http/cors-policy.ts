import { IDEMPOTENCY_KEY_HEADER, NEXT_TASK_ID_HEADER, TOTAL_COUNT_HEADER } from '@taskgate/api-contract';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

// Content-Disposition: the export's file name.
const EXPOSED_HEADERS = ['ETag', 'Location', TOTAL_COUNT_HEADER, 'Link', 'Retry-After', NEXT_TASK_ID_HEADER, 'Content-Disposition'];
const EXPOSED_HEADERS_VALUE = EXPOSED_HEADERS.join(', ');
const VARY_ORIGIN: readonly string[] = ['vary', 'Origin'];

/**
 * Which origins may call the API from a browser (API.md's CORS section:
 * other origins get no CORS headers), in one place for both answers that
 * carry it: @fastify/cors (Nest's enableCors) for every request Fastify
 * handles, and {@link headersFor} for the 401s answered before Fastify (see
 * forged-token-gate.ts). `*` in the list allows any origin.
 */
export class CorsPolicy {
  private readonly anyOrigin: boolean;

  constructor(private readonly origins: readonly string[]) {
    this.anyOrigin = origins.includes('*');
  }

  /** The options of app.enableCors(). */
  get options(): CorsOptions {
    return {
      // Decided per request, so that a request from another origin, or with
      // no Origin at all (not from a browser page), gets no CORS headers:
      // with a list, @fastify/cors would still expose headers to it, and
      // answer its preflights with the allowed methods.
      origin: (origin: string | undefined, callback: (error: Error | null, allow: boolean) => void) =>
        callback(null, this.allows(origin)),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', IDEMPOTENCY_KEY_HEADER],
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
      // An OPTIONS that is not a preflight goes on to the routes (and so gets
      // problem+json), instead of a plain-text 400 from the CORS plugin.
      strictPreflight: false,
    };
  }

  /** True when a page of this origin may call the API; never without an Origin (or with an empty one). */
  allows(requestOrigin: string | undefined): requestOrigin is string {
    return !!requestOrigin && (this.anyOrigin || this.origins.includes(requestOrigin));
  }

  /**
   * The CORS headers of a response that is not a preflight, as name/value
   * pairs in one flat list, exactly as @fastify/cors sets them for these
   * options (the e2e tests compare the two): Vary always; for an allowed
   * origin, the origin echoed and the exposed headers.
   */
  headersFor(requestOrigin: string | undefined): readonly string[] {
    return this.allows(requestOrigin)
      ? ['vary', 'Origin', 'access-control-allow-origin', requestOrigin, 'access-control-expose-headers', EXPOSED_HEADERS_VALUE]
      : VARY_ORIGIN;
  }
}
