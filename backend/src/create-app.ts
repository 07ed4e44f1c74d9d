import { NestFactory } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { Configuration } from './config/configuration';
import { configureApp } from './configure-app';
import { JwtStrategy } from './auth/jwt.strategy';
import { sendProblem, sendUnauthorized } from './http/problem-details';
import { createLogger, PinoLoggerService, RequestLogController, requestIdFor } from './logging/logger';

async function answerMalformedUrl(request: FastifyRequest, reply: FastifyReply, strategy?: JwtStrategy): Promise<void> {
  if (!strategy || (await strategy.verifyRequest(request)) === null) return sendUnauthorized(reply, request);
  sendProblem(reply, request.raw.url, { status: 400, detail: 'The request URL is malformed.' });
}

/** Builds the application, ready to listen (main.ts) or to test (e2e). */
export async function createApp(config: Configuration): Promise<NestFastifyApplication> {
  // The token strategy exists once Nest has built the app, after the adapter.
  const auth: { strategy?: JwtStrategy } = {};
  const logger = createLogger(config.app.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    // Long user ids must still route (Fastify's default limit is 100).
    routerOptions: { maxParamLength: 1024 },
    // Requests still running at shutdown finish; new ones are refused.
    return503OnClosing: true,
    genReqId: requestIdFor,
    // Errors Fastify raises before routing (a broken percent-encoding): like
    // any unknown route, 401 without a valid token, else 400.
    frameworkErrors: (_error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void answerMalformedUrl(request, reply, auth.strategy);
    },
    requestIdHeader: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: new PinoLoggerService(logger),
  });
  auth.strategy = app.get(JwtStrategy);
  await configureApp(app, config);
  return app;
}
