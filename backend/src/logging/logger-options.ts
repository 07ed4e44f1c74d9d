import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { Configuration } from '../config/configuration';

/** A caller's `X-Request-Id` is kept when it looks like an id; otherwise we make one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id Fastify assigns (and pino logs): the caller's, if sane, or a new UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Structured JSON logs (pino), one line per request with its id. Requests
 * are logged by method, path and status only: never headers, so never a
 * token or cookie.
 */
export function loggerOptions(app: Configuration['app']): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: app.logLevel,
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        err: (error: { type?: string; message?: string }) => ({ type: error.type, message: error.message }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.cookie'], remove: true },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
