import { NestFactory } from '@nestjs/core';
import { createServer, IncomingMessage, Server, ServerResponse, STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { migrateDatabase } from './database/migrate';
import { Configuration } from './config/configuration';
import { configureApp } from './configure-app';
import type { RequestGate } from './auth/forged-token-gate';
import { authenticateOutsideNest } from './auth/jwt.strategy';
import { answerClientError, hasDuplicateHost } from '@taskgate/client-errors';
import { PROBLEM_CONTENT_TYPE, problemJson, sendFeedUnheard, sendProblem, sendUnauthorized } from './http/problem-details';
import { apiSecurityHeaders } from './http/security-headers';
import { createLogger, PinoLoggerService, RequestLogController, requestIdFor } from './logging/logger';
import { MetricsService } from './metrics/metrics.service';

/** A request must have arrived whole, headers and body, within this time: else 408 (a body dripped a byte at a time). */
export const REQUEST_TIMEOUT_MS = 30_000;

const API_SECURITY_HEADERS = apiSecurityHeaders();

/**
 * Like any route, a URL Fastify cannot decode needs a valid token first
 * (401), then is a 400. Fastify answers it before its hooks, so the
 * security headers are set here.
 */
async function answerMalformedUrl(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.headers(API_SECURITY_HEADERS);
  let user;
  try {
    user = await authenticateOutsideNest(request.raw);
  } catch {
    return sendFeedUnheard(reply, request);
  }
  if (user === null) return sendUnauthorized(reply, request);
  sendProblem(reply, request.raw.url, { status: 400, detail: 'The request URL is malformed.' });
}

/** RFC 9112 §3.2: two Host fields are a 400, before anything else looks at the request. */
function answerDuplicateHost(request: IncomingMessage, response: ServerResponse): void {
  const body = problemJson(request.url, { status: 400, detail: 'A request may carry one Host header.' });
  response.writeHead(400, { ...API_SECURITY_HEADERS, 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
}

/**
 * The HTTP server Fastify would create for itself, with `gate` given the
 * first look at each request (see forged-token-gate.ts), a bounded time for
 * each request to arrive ({@link REQUEST_TIMEOUT_MS}, checked every second),
 * and problem+json with the security headers for what Node's parser refuses
 * (libs/client-errors).
 */
function serverWithGate(gate: { answer?: RequestGate }) {
  return (handler: (request: IncomingMessage, response: ServerResponse) => void, options: FastifyServerOptions): Server => {
    const limits = { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000 };
    const server = createServer(limits, (request, response) => {
      if (hasDuplicateHost(request.rawHeaders)) answerDuplicateHost(request, response);
      else if (gate.answer?.(request, response) !== true) handler(request, response);
    });
    server.on('clientError', answerClientError(API_SECURITY_HEADERS, (status) => problemJson('/', { status, detail: STATUS_CODES[status] ?? 'Bad Request' })));
    server.keepAliveTimeout = options.keepAliveTimeout ?? server.keepAliveTimeout;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}

/** Builds the application, ready to listen (main.ts) or to test (e2e). */
export async function createApp(config: Configuration): Promise<NestFastifyApplication> {
  // The gate exists once Nest has built the app, after the adapter.
  const late: { answer?: RequestGate } = {};
  const logger = createLogger(config.app.logLevel);
  const logController = new RequestLogController();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController,
    serverFactory: serverWithGate(late),
    // This app has no Nest middleware: no middie hook on every request.
    skipMiddie: true,
    // Long user ids must still route (Fastify's default limit is 100).
    routerOptions: { maxParamLength: 1024 },
    // Requests still running at shutdown finish; new ones are refused.
    return503OnClosing: true,
    genReqId: requestIdFor,
    // Errors Fastify raises before routing (a broken percent-encoding): like
    // any unknown route, 401 without a valid token, else 400.
    frameworkErrors: (_error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void answerMalformedUrl(request, reply);
    },
    requestIdHeader: false,
  });
  await migrateDatabase(config.database.url);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: new PinoLoggerService(logger),
  });
  // Requests end in the request log or at the gate; both count them.
  const metrics = config.app.metrics ? app.get(MetricsService) : undefined;
  logController.metrics = metrics;
  late.answer = await configureApp(app, config, logger, metrics);
  return app;
}
