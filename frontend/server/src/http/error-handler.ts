import { isDatabaseUnavailable } from '@taskgate/postgres';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger';
import { type Problem, sendProblem } from './problem';

/** Seconds the client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** body-parser's and Express's own client errors (`type`, or a URIError), as problems. */
function clientProblem(error: unknown): Problem | null {
  if (error instanceof URIError) return { status: 400, code: 'MALFORMED_URL', message: 'The request URL is malformed.' };
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  switch (type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be UTF-8 text without content encoding.' };
    case 'request.aborted':
      return { status: 400, code: 'REQUEST_ABORTED', message: 'The request was aborted.' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: 'BAD_REQUEST', message: 'The request is invalid.' };
  }
  return null;
}

/**
 * The last word on any error a route passes on, as problem+json (with
 * Better Auth's `code` and `message`, which the UI reads): the client's own
 * mistakes as their 4xx (logged at info: they are not outages), 503 with
 * Retry-After when the database is unreachable, 500 otherwise; never a stack
 * trace, SQL or address.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const client = clientProblem(error);
    const unavailable = !client && isDatabaseUnavailable(error);
    const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
    const log = client ? logger.info.bind(logger) : logger.error.bind(logger);
    log(client ? 'request refused' : unavailable ? 'database unavailable' : 'request failed', {
      method: req.method,
      path: req.path,
      status: client?.status,
      error: typeof name === 'string' ? name : typeof error,
      code: typeof code === 'string' ? code : undefined,
      // Driver messages can echo a connection string; keep its user part out.
      detail: client ? undefined : typeof message === 'string' ? message.replace(/\/\/[^@\s]*@/g, '//***@') : undefined,
    });
    if (res.headersSent) return next(error);
    if (client) return sendProblem(res, req.path, client);
    if (unavailable) {
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(res, req.path, {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'Accounts are unavailable for a moment. Please try again shortly.',
      });
    }
    sendProblem(res, req.path, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Please try again.' });
  };
}
