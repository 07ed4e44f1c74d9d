/** Response header with the number of matches before paging. */
export const TOTAL_COUNT_HEADER = 'X-Total-Count';
/** Request header that makes a create safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** An error body (RFC 9457, `application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Present on validation failures (400). */
  errors?: { field: string; message: string }[];
}
