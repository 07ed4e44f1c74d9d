import { InvalidRequestException } from '../http/invalid-request.exception';

/** API.md: 1–255 printable ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** The `Idempotency-Key` header's value, or undefined when absent; a malformed key is a 400. */
export function idempotencyKeyFrom(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new InvalidRequestException(
      [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
      'The Idempotency-Key header is invalid.',
    )
  }
  return header;
}
