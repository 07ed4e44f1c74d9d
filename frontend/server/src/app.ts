import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasDuplicateHost } from '@taskgate/client-errors';
import express, { type Express } from 'express';
import { toNodeHandler } from 'better-auth/node';
import { DISABLED_AUTH_PATHS, type Auth } from './auth/create-auth';
import { clientAddress } from './http/client-address';
import { errorHandler } from './http/error-handler';
import { sendProblem } from './http/problem';
import { securityHeaders } from './http/security-headers';
import type { Logger } from './logger';
import { type FrontendMetrics, requestRecorder } from './metrics/frontend-metrics';

export interface AppOptions {
  auth: Auth;
  apiUrl: string;
  /** Served over https (directly or behind a TLS-terminating proxy): HSTS is sent then only. */
  https: boolean;
  trustedProxies: string[];
  logger: Logger;
  /** Folder of the built Angular app (index.html and hashed assets). */
  browserDir?: string;
  /** Rejects when the database cannot serve sign-ins now (`/health/ready`). */
  checkDatabase: () => Promise<unknown>;
  /** Counts each request as it finishes, when FRONTEND_METRICS_PORT is set. */
  metrics?: FrontendMetrics;
}

/** The largest body /api/auth/* takes: the API's limit (API.md), far above any real sign-up. */
export const AUTH_BODY_LIMIT_BYTES = 64 * 1024;

/** The whole HTTP surface of the frontend server, without listening. */
export function createApp(options: AppOptions): Express {
  const { auth, apiUrl, https, trustedProxies, logger, browserDir } = options;
  const recordRequest = options.metrics ? requestRecorder(options.metrics, auth) : undefined;
  const app = express();
  const authHandler = toNodeHandler(auth);
  app.disable('x-powered-by');
  if (trustedProxies.length) app.set('trust proxy', trustedProxies);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      // Path only: query strings can carry one-time tokens.
      logger.info('request', { method: req.method, path: req.path, status: res.statusCode, ms });
      recordRequest?.(req, res, ms / 1000);
    });
    next();
  });

  app.use(securityHeaders(apiUrl, https));

  // RFC 9112 §3.2: a request with more than one Host field is a 400.
  app.use((req, res, next) => {
    if (hasDuplicateHost(req.rawHeaders)) return sendProblem(res, req.path, { status: 400, code: 'BAD_REQUEST', message: 'A request may carry one Host header.' });
    next();
  });

  app.all(DISABLED_AUTH_PATHS.map((path) => `/api/auth${path}`), (req, res) =>
    sendProblem(res, req.path, { status: 404, code: 'NOT_FOUND', message: 'This route is switched off: Taskgate sends no email.' }),
  );

  app.all(
    '/api/auth/*',
    clientAddress(trustedProxies),
    // The whole body, at most AUTH_BODY_LIMIT_BYTES, read before Better Auth
    // (which takes it from req.body once read): larger is a 413, a body that
    // stalls is cut off by the server's request timeout (server-limits.ts).
    express.text({ type: () => true, limit: AUTH_BODY_LIMIT_BYTES, inflate: false }),
    (req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      // Better Auth rethrows what it cannot answer itself (createAuth sets
      // onAPIError.throw); Express 4 does not catch a rejected promise.
      authHandler(req, res).catch(next);
    },
  );

  // For load balancers and orchestrators: live = the process answers; ready =
  // it can sign people in (its database answers, within the bounded waits).
  app.get('/health/live', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await options.checkDatabase();
      res.json({ status: 'ok' });
    } catch {
      res.setHeader('Retry-After', '5');
      sendProblem(res, req.path, { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database cannot be reached; try again shortly.' });
    }
  });

  app.get('/app-config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ apiUrl });
  });

  app.all('/api/*', (req, res) =>
    sendProblem(res, req.path, { status: 404, code: 'NOT_FOUND', message: 'No such route on the frontend server; the tasks API lives at API_URL.' }),
  );

  if (browserDir && existsSync(join(browserDir, 'index.html'))) {
    const indexHtml = join(browserDir, 'index.html');
    app.use(
      express.static(browserDir, {
        index: false,
        setHeaders: (res, path) => {
          // Hashed file names never change content; index.html always may.
          if (/-[A-Z0-9]{8,}\.(js|css|woff2?)$/i.test(path) || path.includes('/media/')) {
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          }
        },
      }),
    );
    app.get('*', (req, res, next) => {
      if (!req.accepts('html')) return next();
      // no-store also keeps a signed-out page out of the back/forward cache.
      res.setHeader('Cache-Control', 'no-store');
      res.sendFile(indexHtml);
    });
  } else {
    logger.warn('no built app to serve', { browserDir: browserDir ?? null });
  }

  app.use((req, res) => sendProblem(res, req.path, { status: 404, code: 'NOT_FOUND', message: 'No such page.' }));

  app.use(errorHandler(logger));

  return app;
}
