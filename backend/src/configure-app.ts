import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Configuration } from './config/configuration';
import { ApiTokenVerifier } from './auth/api-token-verifier';
import { forgedTokenGate, RequestGate } from './auth/forged-token-gate';
import { CorsPolicy } from './http/cors-policy';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { addSecurityHeaders, apiSecurityHeaders, docsSecurityHeaders } from './http/security-headers';
import { UnreadBody } from './http/unread-body';
import type { MetricsService } from './metrics/metrics.service';

export const API_PREFIX = 'api';

/** The OpenAPI document of the API, as served at /api/docs-json. */
export function buildOpenApiDocument(app: NestFastifyApplication) {
  const config = new DocumentBuilder()
    .setTitle('Taskgate API')
    .setDescription(
      'Tasks of signed-in users. Every route but health and docs needs a bearer token ' +
        'issued by the Taskgate frontend (Better Auth), and `{user_id}` must be its subject.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Everything the application needs beyond its modules, in one place for
 * main.ts and the e2e tests alike: body handling, errors, CORS, security
 * headers, logging, Swagger, shutdown. Returns the gate that answers forged
 * tokens before Fastify (createApp puts it in front of Fastify's handler).
 */
export async function configureApp(
  app: NestFastifyApplication,
  config: Configuration,
  logger: Logger,
  metrics?: MetricsService,
): Promise<RequestGate> {
  const fastify = app.getHttpAdapter().getInstance();
  // Bodies are read after the guards (see UnreadBody): no parser may consume
  // them first, and Fastify may not judge the media type either (it would
  // answer 415 for a malformed Content-Type before the token is checked). So
  // the header is set aside here and judged with the body.
  const declaredType = new WeakMap<object, string>();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    const contentType = request.headers['content-type'];
    if (contentType !== undefined) {
      declaredType.set(request.raw, contentType);
      request.headers['content-type'] = 'application/octet-stream';
    }
    done();
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const length = request.headers['content-length'];
    done(null, new UnreadBody(payload, declaredType.get(request.raw), length === undefined ? undefined : Number(length)));
  });

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalFilters(new ProblemDetailsFilter());
  const cors = new CorsPolicy(config.app.corsOrigins);
  app.enableCors(cors.options);
  const headers = apiSecurityHeaders();
  addSecurityHeaders(fastify, headers, docsSecurityHeaders());
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    customSiteTitle: 'Taskgate API',
    swaggerOptions: { persistAuthorization: false },
  });
  const shutdown = closeConnectionsWhenClosing(fastify);
  app.enableShutdownHooks();
  return forgedTokenGate({
    verifier: app.get(ApiTokenVerifier),
    cors,
    securityHeaders: headers,
    logger,
    closing: () => shutdown.closing,
    metrics,
  });
}

/**
 * On shutdown, responses still in flight tell their clients to close the
 * connection. Otherwise a keep-alive connection that goes idle after close()
 * began keeps the process alive until the keep-alive timeout (72 s).
 */
function closeConnectionsWhenClosing(fastify: FastifyInstance): { readonly closing: boolean } {
  const state = { closing: false };
  fastify.addHook('preClose', (done) => {
    state.closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (state.closing) reply.header('Connection', 'close');
    done(null, payload);
  });
  return state;
}
