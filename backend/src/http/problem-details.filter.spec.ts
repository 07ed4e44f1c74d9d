import {
  ArgumentsHost,
  BadRequestException,
  ConsoleLogger,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ProblemDetails } from '@taskgate/api-contract';
import pino from 'pino';
import { PinoLoggerService } from '../logging/logger';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from '../tasks/domain/idempotency.errors';
import { TaskNotFoundError, TaskVersionMismatchError } from '../tasks/domain/task.errors';
import { InvalidRequestException } from './invalid-request.exception';
import { RETRY_AFTER_UNAVAILABLE_SECONDS } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A Fastify reply that records what the filter sends. */
class FakeReply {
  statusCode?: number;
  headers: Record<string, string> = {};
  payload?: string;

  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  send(payload: string) {
    this.payload = payload;
    return this;
  }
  get body(): ProblemDetails {
    return JSON.parse(this.payload ?? 'null');
  }
}

function answer(exception: unknown, request: { url?: string; headers?: Record<string, string> } = {}): FakeReply {
  const reply = new FakeReply();
  const req = { url: request.url ?? '/api/user-1/tasks', headers: request.headers ?? {} };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return reply;
}

describe('ProblemDetailsFilter', () => {
  /** The lines logged while a test runs, through Nest's logger installed as the app installs it (create-app.ts). */
  let logged: string[];

  beforeEach(() => {
    const lines: string[] = [];
    logged = lines;
    Logger.overrideLogger(new PinoLoggerService(pino({ level: 'trace' }, { write: (line: string) => lines.push(line) })));
  });
  afterEach(() => Logger.overrideLogger(new ConsoleLogger()));

  describe('the problem document', () => {
    it('is application/problem+json with type, title, status, detail and instance', () => {
      const reply = answer(new ForbiddenException('This path belongs to another user.'), { url: '/api/user-2/tasks' });

      expect(reply.statusCode).toBe(403);
      expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(reply.body).toStrictEqual({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'This path belongs to another user.',
        instance: '/api/user-2/tasks',
      });
    });

    it('uses the path without the query string as instance', () => {
      expect(answer(new NotFoundException('x'), { url: '/api/u/tasks?status=all&q=secret' }).body.instance).toBe('/api/u/tasks');
    });
  });

  it('answers an InvalidRequestException with 400 and its field errors', () => {
    const errors = [
      { field: 'title', message: 'must be text' },
      { field: 'priority', message: 'must be one of low, medium, high' },
    ];

    const reply = answer(new InvalidRequestException(errors, 'The body is invalid.'));

    expect(reply.statusCode).toBe(400);
    expect(reply.body).toMatchObject({ status: 400, title: 'Bad Request', detail: 'The body is invalid.', errors });
  });

  it('sends no errors member for other problems', () => {
    expect(answer(new BadRequestException('Validation failed (uuid is expected)')).body).not.toHaveProperty('errors');
  });

  it.each([
    ['BadRequestException', new BadRequestException('Validation failed (uuid is expected)'), 400, 'Validation failed (uuid is expected)'],
    ['ForbiddenException', new ForbiddenException('nope'), 403, 'nope'],
    ['PayloadTooLargeException', new PayloadTooLargeException('The body exceeds 65536 bytes.'), 413, 'The body exceeds 65536 bytes.'],
    ['UnsupportedMediaTypeException', new UnsupportedMediaTypeException('The body must be application/json.'), 415, 'The body must be application/json.'],
    ['ThrottlerException', new ThrottlerException(), 429, 'Too many requests; see Retry-After.'],
    ["the router's NotFoundException", new NotFoundException('Cannot GET /api/nowhere'), 404, 'No such route.'],
  ])('answers a %s with its status', (_label, exception, status, detail) => {
    const reply = answer(exception);

    expect(reply.statusCode).toBe(status);
    expect(reply.body).toMatchObject({ status, detail });
  });

  it('closes the connection after a 413', () => {
    expect(answer(new PayloadTooLargeException()).headers['connection']).toBe('close');
  });

  it('keeps the connection open after other errors', () => {
    expect(answer(new BadRequestException()).headers).not.toHaveProperty('connection');
  });

  describe('401', () => {
    it('carries WWW-Authenticate: Bearer without an error when no Authorization header was sent', () => {
      const reply = answer(new UnauthorizedException('A valid bearer token is required.'));

      expect(reply.statusCode).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer');
    });

    it('carries error="invalid_token" when a bearer token was sent', () => {
      const reply = answer(new UnauthorizedException(), { headers: { authorization: 'Bearer expired.token.here' } });

      expect(reply.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    });

    it('carries no error for credentials of another scheme (RFC 6750 §3.1)', () => {
      const reply = answer(new UnauthorizedException(), { headers: { authorization: 'Basic dXNlcjpwYXNz' } });

      expect(reply.headers['www-authenticate']).toBe('Bearer');
    });

    it('is the only status that carries WWW-Authenticate', () => {
      expect(answer(new ForbiddenException(), { headers: { authorization: 'Bearer x' } }).headers).not.toHaveProperty(
        'www-authenticate',
      );
    });
  });

  describe('domain errors', () => {
    it.each([
      ['TaskNotFoundError', new TaskNotFoundError('3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11'), 404, 'Not Found'],
      ['TaskVersionMismatchError', new TaskVersionMismatchError('3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11'), 412, 'Precondition Failed'],
      ['IdempotencyKeyInFlightError', new IdempotencyKeyInFlightError(), 409, 'Conflict'],
      ['IdempotencyKeyReusedError', new IdempotencyKeyReusedError(), 422, 'Unprocessable Entity'],
    ])('answers a %s with %p', (_label, error, status, title) => {
      const reply = answer(error);

      expect(reply.statusCode).toBe(status);
      expect(reply.body).toMatchObject({ status, title });
    });

    it('does not echo the task id of a TaskNotFoundError', () => {
      expect(answer(new TaskNotFoundError('3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11')).payload).not.toContain('3f0c6c1e');
    });
  });

  describe('database unavailable', () => {
    it.each([
      ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
      [
        'a QueryFailedError-like admin shutdown',
        Object.assign(new Error('terminating connection due to administrator command'), {
          query: 'SELECT * FROM tasks',
          driverError: { code: '57P01' },
        }),
      ],
    ])('answers %s with 503 and Retry-After', (_label, error) => {
      const reply = answer(error);

      expect(reply.statusCode).toBe(503);
      expect(reply.headers['retry-after']).toBe(String(RETRY_AFTER_UNAVAILABLE_SECONDS));
      expect(reply.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(reply.payload).not.toMatch(/ECONNREFUSED|SELECT|5432|administrator/);
    });

    it('sends Retry-After only with a 503', () => {
      expect(answer(new Error('boom')).headers).not.toHaveProperty('retry-after');
    });
  });

  it('answers Fastify client errors (statusCode 4xx) with that status', () => {
    const error = Object.assign(new Error("Unsupported Media Type: text/plain; it's a secret"), {
      statusCode: 415,
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    });

    const reply = answer(error);

    expect(reply.statusCode).toBe(415);
    expect(reply.body.detail).toBe('Unsupported Media Type');
  });

  describe('unexpected errors', () => {
    const secretive = Object.assign(new Error('syntax error at or near "FROM" in SELECT password FROM users'), {
      query: 'SELECT password FROM users WHERE id = $1',
      parameters: ['s3cr3t'],
    });

    it('answers an unknown Error with 500 and a generic detail', () => {
      const reply = answer(secretive);

      expect(reply.statusCode).toBe(500);
      expect(reply.body).toStrictEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'The service failed to answer.',
        instance: '/api/user-1/tasks',
      });
    });

    it('never puts the message, stack, SQL or parameters in the body', () => {
      const payload = answer(secretive).payload ?? '';

      expect(payload).not.toContain('syntax error');
      expect(payload).not.toContain('SELECT');
      expect(payload).not.toContain('s3cr3t');
      expect(payload).not.toContain('.spec.ts'); // a stack frame
    });

    it('logs one error line with the name and message but not the stack, SQL or parameters', () => {
      answer(secretive);

      expect(logged).toHaveLength(1);
      const [line] = logged;
      expect(JSON.parse(line)).toMatchObject({ level: 50, context: 'ProblemDetails', msg: expect.stringContaining('Error syntax error') });
      expect(line).not.toContain('.spec.ts'); // a stack frame
      expect(line).not.toContain('WHERE id');
      expect(line).not.toContain('s3cr3t');
    });

    it('hides the detail of a 5xx HttpException', () => {
      const reply = answer(new InternalServerErrorException('pool exhausted at db-primary:5432'));

      expect(reply.statusCode).toBe(500);
      expect(reply.body.detail).toBe('The service failed to answer.');
    });

    it.each([
      ['a thrown string', 'SELECT * FROM tasks'],
      ['undefined', undefined],
      ['null', null],
      ['a Fastify 5xx', Object.assign(new Error('internal'), { statusCode: 502 })],
    ])('answers %s with a generic 500', (_label, thrown) => {
      const reply = answer(thrown);

      expect(reply.statusCode).toBe(500);
      expect(reply.body.detail).toBe('The service failed to answer.');
    });
  });

  it('keeps a custom HttpException status', () => {
    expect(answer(new HttpException('gone', 410)).body).toMatchObject({ status: 410, title: 'Gone', detail: 'gone' });
  });
});
