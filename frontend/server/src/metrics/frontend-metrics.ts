import type { Request, Response } from 'express';
import { type PoolCounts, ServerMetrics, UNMATCHED_ROUTE } from '@taskgate/metrics';
import type { Auth } from '../auth/create-auth';

/** Better Auth's per-address limits (`auth`) and the per-account sign-in limit (sign-in-throttle.ts). */
export type Limiter = 'auth' | 'sign_in_account';

export type FrontendMetrics = ServerMetrics<Limiter>;

/** The route label of a file of the built app (scripts, styles, fonts) that express.static served. */
export const STATIC_ROUTE = 'static';

/**
 * The frontend server's metrics, served by main.ts on FRONTEND_METRICS_PORT:
 * those both servers have (@taskgate/metrics), on the pool Better Auth runs on.
 */
export function createFrontendMetrics(pool: PoolCounts): FrontendMetrics {
  const metrics = new ServerMetrics<Limiter>(['auth', 'sign_in_account']);
  metrics.watchPool(pool);
  return metrics;
}

/**
 * What the request log (app.ts) calls as each request finishes: counts it
 * under its route's template and counts the refusals of Better Auth's
 * per-address limits. Under /api/auth the template is Better Auth's endpoint
 * (`/api/auth/sign-in/email`), not Express's one wildcard route, so that a
 * sign-in's password hash and a session lookup are told apart.
 */
export function requestRecorder(metrics: FrontendMetrics, auth: Auth): (req: Request, res: Response, seconds: number) => void {
  const basePath = auth.options.basePath ?? '/api/auth';
  const endpointOf = endpointMatcher(Object.values(auth.api) as { path?: unknown }[]);

  const routeOf = (req: Request, res: Response): string => {
    if (req.path.startsWith(`${basePath}/`)) {
      const endpoint = endpointOf(req.path.slice(basePath.length));
      return endpoint === undefined ? UNMATCHED_ROUTE : `${basePath}${endpoint}`;
    }
    // Outside Better Auth a 404 always means no route or page had the path
    // (though Express's route for the app's pages may have looked at it).
    if (res.statusCode === 404) return UNMATCHED_ROUTE;
    const template: unknown = req.route?.path;
    if (typeof template === 'string') return template;
    return res.statusCode < 400 ? STATIC_ROUTE : UNMATCHED_ROUTE;
  };

  return (req, res, seconds) => {
    metrics.requestCompleted(req.method, routeOf(req, res), res.statusCode, seconds);
    // Better Auth's per-address limiter is the one answer that carries
    // X-Retry-After; the per-account limit counts itself (onSignInThrottled).
    if (res.statusCode === 429 && res.hasHeader('x-retry-after')) metrics.rateLimited('auth');
  };
}

/** Better Auth's endpoint template (`/sign-in/email`, `/reset-password/:token`) that a path under its base path names. */
function endpointMatcher(endpoints: readonly { path?: unknown }[]): (path: string) => string | undefined {
  const exact = new Set<string>();
  const patterns: { pattern: RegExp; template: string }[] = [];
  for (const { path } of endpoints) {
    if (typeof path !== 'string') continue;
    if (!/[:*]/.test(path)) {
      exact.add(path);
      continue;
    }
    const segments = path.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.startsWith('*') ? '.*' : escapeRegExp(segment)));
    patterns.push({ pattern: new RegExp(`^${segments.join('/')}$`), template: path });
  }
  return (path) => (exact.has(path) ? path : patterns.find(({ pattern }) => pattern.test(path))?.template);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
