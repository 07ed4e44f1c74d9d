import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '@taskgate/postgres';
import { LABELS_PER_TASK_MAX } from '@taskgate/api-contract';
import { RevocationFeedUnheardError } from '../auth/api-token-verifier';
import {
  InvalidListCursorError,
  LabelNotFoundError,
  RecurrenceNeedsDueDateError,
  TaskNotFoundError,
  TaskVersionMismatchError,
  TooManyLabelsError,
} from '../tasks/domain/task.errors';
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
} from '../tasks/domain/idempotency.errors';
import { InvalidRequestException } from './invalid-request.exception';
import { BodyAbortedError } from './unread-body';
import { FEED_UNHEARD_DETAIL, Problem, RETRY_AFTER_UNAVAILABLE_SECONDS, sendProblem, setBearerChallenge } from './problem-details';


/**
 * Every error leaves as `application/problem+json` (RFC 9457): HTTP
 * exceptions, domain errors, framework errors (unknown route, Fastify's own
 * 4xx) and anything unexpected, which becomes a bare 500. Nothing internal
 * (stack, SQL, secret) reaches the body or the log line.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);

    if (problem.status === HttpStatus.UNAUTHORIZED) setBearerChallenge(reply, request);
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) {
      reply.header('Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
    }
    if (problem.status === HttpStatus.PAYLOAD_TOO_LARGE) {
      // The unread rest of the body would otherwise be drained from the socket.
      reply.header('Connection', 'close');
    }
    sendProblem(reply, request.url, problem);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof InvalidRequestException) {
      return { status: 400, detail: exception.message, errors: exception.errors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Terminus' readiness check, when the database does not answer.
      if (status === HttpStatus.SERVICE_UNAVAILABLE) return { status, detail: 'The database is unavailable; try again shortly.' };
      if (status >= 500) this.logUnexpected(exception);
      return { status, detail: status >= 500 ? 'The service failed to answer.' : this.clientDetail(exception, status) };
    }
    // Nobody is left to read this answer; it exists for the log (a 400, not an outage).
    if (exception instanceof BodyAbortedError) return { status: 400, detail: exception.message };
    if (exception instanceof RevocationFeedUnheardError) return { status: 503, detail: FEED_UNHEARD_DETAIL };
    if (exception instanceof InvalidListCursorError) {
      return { status: 400, detail: 'The query is invalid; see errors.', errors: [{ field: 'cursor', message: exception.reason }] };
    }
    if (exception instanceof TaskNotFoundError) return { status: 404, detail: 'No such task.' };
    if (exception instanceof LabelNotFoundError) return { status: 404, detail: 'No such label.' };
    if (exception instanceof RecurrenceNeedsDueDateError) {
      return { status: 400, detail: 'A recurring task needs a due date.', errors: [{ field: 'recurrence', message: 'requires a dueDate' }] };
    }
    if (exception instanceof TooManyLabelsError) {
      return {
        status: 400,
        detail: `A task carries at most ${LABELS_PER_TASK_MAX} labels; nothing was changed.`,
        errors: exception.taskIds.map((id) => ({ field: 'label', message: `task ${id} already has ${LABELS_PER_TASK_MAX} other labels` })),
      };
    }
    if (exception instanceof TaskVersionMismatchError) {
      return { status: 412, detail: 'The task has changed since the ETag given in If-Match.' };
    }
    if (exception instanceof IdempotencyKeyInFlightError) {
      return { status: 409, detail: 'A request with this Idempotency-Key is still being processed.' };
    }
    if (exception instanceof IdempotencyKeyReusedError) {
      return { status: 422, detail: 'This Idempotency-Key was used with a different body.' };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${this.describe(exception)}`);
      return { status: 503, detail: 'The database is unavailable; try again shortly.' };
    }
    const frameworkStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof frameworkStatus === 'number' && frameworkStatus >= 400 && frameworkStatus < 500) {
      // Fastify's own client errors (bad URL encoding, invalid media type...).
      return { status: frameworkStatus, detail: STATUS_CODES[frameworkStatus] ?? 'The request is invalid.' };
    }
    this.logUnexpected(exception);
    return { status: 500, detail: 'The service failed to answer.' };
  }

  private clientDetail(exception: HttpException, status: number): string {
    if (status === HttpStatus.NOT_FOUND && /^Cannot /.test(exception.message)) return 'No such route.';
    if (status === HttpStatus.TOO_MANY_REQUESTS) return 'Too many requests; see Retry-After.';
    return exception.message;
  }

  private describe(exception: unknown): string {
    const error = exception as { name?: string; code?: string; message?: string };
    return [error?.name, error?.code, error?.message].filter(Boolean).join(' ');
  }

  // The name, code and message only: no stack trace, no SQL, no parameters.
  private logUnexpected(exception: unknown): void {
    this.logger.error(`unexpected error: ${this.describe(exception)}`);
  }
}
