import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@taskgate/api-contract';

/** True when the failure is worth retrying as-is: offline, timeout or a server error. */
export function isTransientError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status >= 500);
}

/** Field errors of a 400 problem+json, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof HttpErrorResponse)) return {};
  const body = error.error as Partial<ProblemDetails> | null;
  const result: Record<string, string> = {};
  for (const item of body?.errors ?? []) {
    if (item?.field && item.message && !result[item.field]) result[item.field] = item.message;
  }
  return result;
}

/** Better Auth's schema errors name the field for programs: "[body.email] Invalid email address". */
const RAW_FIELD_MESSAGE = /^\[[\w.]+\]/;

/** A sentence a person can act on, never a stack trace or raw status line. */
export function problemMessage(error: unknown, fallback = 'Something went wrong.'): string {
  if (!(error instanceof HttpErrorResponse)) return fallback;
  if (error.status === 0) return 'You appear to be offline, or the server cannot be reached.';
  if (error.status === 429) {
    const retry = error.headers.get('Retry-After') ?? error.headers.get('X-Retry-After');
    return retry ? `Too many requests. Try again in ${retry} seconds.` : 'Too many requests. Try again shortly.';
  }
  if (error.status >= 500) return 'The server had a problem. Your input is kept; try again.';
  // problem+json from the API, or Better Auth's { message, code }.
  const body = error.error as (Partial<ProblemDetails> & { message?: string }) | null;
  if (body && typeof body === 'object') {
    const text = body.detail || body.message || body.title;
    return text && !RAW_FIELD_MESSAGE.test(text) ? text : fallback;
  }
  return fallback;
}
