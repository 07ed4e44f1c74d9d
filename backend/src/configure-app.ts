import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, TOTAL_COUNT_HEADER } from '@taskgate/api-contract';
import type { FastifyInstance } from 'fastify';
import { Configuration } from './config/configuration';
import { JwtStrategy } from './auth/jwt.strategy';
import { verifyApiTokenOnRequest } from './auth/verify-api-token.hook';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { addSecurityHeaders } from './http/security-headers';
import { UnreadBody } from './http/unread-body';

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
 * headers, logging, Swagger, shutdown.
 */
export async function configureApp(app: NestFastifyApplication, config: Configuration): Promise<void> {
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
  app.enableCors({
    origin: config.app.corsOrigins.includes('*') ? true : config.app.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', IDEMPOTENCY_KEY_HEADER],
    exposedHeaders: ['ETag', 'Location', TOTAL_COUNT_HEADER, 'Retry-After'],
    maxAge: 600,
    // An OPTIONS that is not a preflight goes on to the routes (and so gets
    // problem+json), instead of a plain-text 400 from the CORS plugin.
    strictPreflight: false,
  });
  addSecurityHeaders(fastify);
  // After CORS and the security headers, so a 401 answered here carries them.
  verifyApiTokenOnRequest(fastify, app.get(JwtStrategy));
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    customSiteTitle: 'Taskgate API',
    swaggerOptions: { persistAuthorization: false },
  });
  closeConnectionsWhenClosing(fastify);
  app.enableShutdownHooks();
}

/**
 * On shutdown, responses still in flight tell their clients to close the
 * connection. Otherwise a keep-alive connection that goes idle after close()
 * began keeps the process alive until the keep-alive timeout (72 s).
 */
function closeConnectionsWhenClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    done(null, payload);
  });
}
