import { isDatabaseUnavailable } from '@taskgate/database-availability';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger';

/** Seconds the client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The last word on any error a route passes on: a JSON body in Better Auth's
 * `{ code, message }` shape the UI already reads, 503 with Retry-After when the
 * database is unreachable, 500 otherwise; never a stack trace, SQL or address.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const unavailable = isDatabaseUnavailable(error);
    const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
    logger.error(unavailable ? 'database unavailable' : 'request failed', {
      method: req.method,
      path: req.path,
      error: typeof name === 'string' ? name : typeof error,
      code: typeof code === 'string' ? code : undefined,
      // Driver messages can echo a connection string; keep its user part out.
      detail: typeof message === 'string' ? message.replace(/\/\/[^@\s]*@/g, '//***@') : undefined,
    });
    if (res.headersSent) return next(error);
    res.setHeader('Cache-Control', 'no-store');
    if (unavailable) {
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(503).json({
        code: 'SERVICE_UNAVAILABLE',
        message: 'Accounts are unavailable for a moment. Please try again shortly.',
      });
      return;
    }
    res.status(500).json({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Something went wrong on our side. Please try again.',
    });
  };
}
