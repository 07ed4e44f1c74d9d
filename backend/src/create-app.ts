import { NestFactory } from '@nestjs/core';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { Configuration } from './config/configuration';
import { configureApp } from './configure-app';
import type { RequestGate } from './auth/forged-token-gate';
import { authenticateOutsideNest } from './auth/jwt.strategy';
import { sendProblem, sendUnauthorized } from './http/problem-details';
import { sendUnavailable } from './http/problem-details.filter';
import { createLogger, PinoLoggerService, RequestLogController, requestIdFor } from './logging/logger';

/** Like any route, a URL Fastify cannot decode needs a valid token first (401), then is a 400. */
async function answerMalformedUrl(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  let user;
  try {
    user = await authenticateOutsideNest(request.raw);
  } catch {
    return sendUnavailable(reply, request);
  }
  if (user === null) return sendUnauthorized(reply, request);
  sendProblem(reply, request.raw.url, { status: 400, detail: 'The request URL is malformed.' });
}

/**
 * The HTTP server Fastify would create for itself (same timeouts), with
 * `gate` given the first look at each request (see forged-token-gate.ts).
 */
function serverWithGate(gate: { answer?: RequestGate }) {
  return (handler: (request: IncomingMessage, response: ServerResponse) => void, options: FastifyServerOptions): Server => {
    const server = createServer((request, response) => {
      if (gate.answer?.(request, response) !== true) handler(request, response);
    });
    server.keepAliveTimeout = options.keepAliveTimeout ?? server.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout ?? server.requestTimeout;
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
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
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
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: new PinoLoggerService(logger),
  });
  late.answer = await configureApp(app, config, logger);
  return app;
}
