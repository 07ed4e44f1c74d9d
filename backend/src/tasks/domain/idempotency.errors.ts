/** The first request with this key has not finished yet. */
export class IdempotencyKeyInFlightError extends Error {
  override name = 'IdempotencyKeyInFlightError';
}

/** The key was first used with a different body. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
}
