import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerService } from '@nestjs/common';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import pino, { Logger } from 'pino';
import type { LogLevel } from '@taskgate/server-environment';
import type { MetricsService } from '../metrics/metrics.service';

/** A caller's `X-Request-Id` is kept when it looks like an id; otherwise we make one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id Fastify assigns (and logs): the caller's, if sane, or a new UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The one pino logger: JSON lines on stdout. Fastify logs each request with
 * it (see configure-app.ts) and Nest's own messages go through
 * {@link PinoLoggerService}. Nothing logs headers, so never a token or cookie.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'taskgate-backend' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Fastify binds `req` to each request's child logger; keep only what is safe.
    serializers: {
      req: (request: { method?: string; url?: string }) => ({
        method: request.method,
        path: request.url?.split('?')[0],
      }),
    },
  });
}

/**
 * One line per request, when it completes: method, path, status, time and
 * the request id (never headers). Server errors at `error`, the rest at `info`.
 * With metrics on, the same point counts the request: no hook of its own.
 */
export class RequestLogController extends LogController {
  /** Set by createApp once the app is built, when BACKEND_METRICS_PORT is set. */
  metrics?: MetricsService;

  override incomingRequest(): void {
    // The completion line says it all.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    this.metrics?.requestCompleted(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    const line = { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    if (error || reply.statusCode >= 500) reply.log.error(line, REQUEST_COMPLETED);
    else reply.log.info(line, REQUEST_COMPLETED);
  }
}

const REQUEST_COMPLETED = 'request completed';

/**
 * The same line for a request answered before Fastify saw it (see
 * forged-token-gate.ts), with the request id Fastify's child logger would bind.
 */
export function logRequestCompleted(
  logger: Logger,
  reqId: string,
  request: IncomingMessage,
  statusCode: number,
  responseTime: number,
): void {
  if (!logger.isLevelEnabled('info')) return;
  logger.info({ reqId, req: request, res: { statusCode }, responseTime }, REQUEST_COMPLETED);
}

/** Nest's messages (start-up, errors caught by the filter) as pino lines. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, ...rest: unknown[]) {
    this.logger.error({ context: rest.at(-1) }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}
