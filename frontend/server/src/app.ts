import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { toNodeHandler } from 'better-auth/node';
import type { Auth } from './auth/create-auth';
import { clientAddress } from './http/client-address';
import { errorHandler } from './http/error-handler';
import { securityHeaders } from './http/security-headers';
import type { Logger } from './logger';

export interface AppOptions {
  auth: Auth;
  apiUrl: string;
  production: boolean;
  trustedProxies: string[];
  logger: Logger;
  /** Folder of the built Angular app (index.html and hashed assets). */
  browserDir?: string;
}

/** The whole HTTP surface of the frontend server, without listening. */
export function createApp(options: AppOptions): Express {
  const { auth, apiUrl, production, trustedProxies, logger, browserDir } = options;
  const app = express();
  const authHandler = toNodeHandler(auth);
  app.disable('x-powered-by');
  if (trustedProxies.length) app.set('trust proxy', trustedProxies);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Path only: query strings can carry one-time tokens.
      logger.info('request', {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  });

  app.use(securityHeaders(apiUrl, production));

  // Better Auth reads the raw body itself: no body parser before it.
  app.all('/api/auth/*', clientAddress(trustedProxies), (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    // Better Auth rethrows what it cannot answer itself (createAuth sets
    // onAPIError.throw); Express 4 does not catch a rejected promise.
    authHandler(req, res).catch(next);
  });

  app.get('/app-config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ apiUrl });
  });

  app.all('/api/*', (_req, res) => {
    res.status(404).type('application/problem+json').send({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such route on the frontend server; the tasks API lives at API_URL.',
    });
  });

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

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not Found');
  });

  app.use(errorHandler(logger));

  return app;
}
