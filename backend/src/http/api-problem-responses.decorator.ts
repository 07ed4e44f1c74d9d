import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid path id, query, header or body (see errors).',
  401: 'Missing or invalid token. Carries WWW-Authenticate: Bearer.',
  403: "The path's user_id is not the token's subject.",
  404: 'No such task for this user, or no such route.',
  409: 'A request with this Idempotency-Key is still in flight.',
  412: 'If-Match does not match the current ETag.',
  413: 'Body over 64 KiB.',
  415: 'Body is not application/json.',
  422: 'Idempotency-Key reused with a different body.',
  429: 'Rate limit exceeded. Carries Retry-After.',
  503: 'Database unavailable. Carries Retry-After.',
};

const HEADERS: Record<number, Record<string, { description: string; schema: { type: 'string' } }>> = {
  401: { 'WWW-Authenticate': { description: 'Bearer, with error="invalid_token" when a token was sent', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } } },
  503: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } } },
};

/** Documents error answers as `application/problem+json`. */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        headers: HEADERS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
