import { APIError } from 'better-auth/api';

/** Longest display name, in Unicode code points (the portal's limit, now the server's). */
export const NAME_MAX_CODE_POINTS = 100;
/** Longest email address (RFC 5321: a 254-character path). */
export const EMAIL_MAX_LENGTH = 254;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The name as stored: trimmed, 1 to {@link NAME_MAX_CODE_POINTS} code points,
 * no control characters. Throws a 400 Better Auth answers as
 * `{ code: 'INVALID_NAME', message }`. Bounded here, every claim a token
 * can carry is bounded, so no account can be issued a token over the
 * backend's 8 KiB limit.
 */
export function normalizedName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '' || [...trimmed].length > NAME_MAX_CODE_POINTS || CONTROL.test(trimmed)) {
    throw new APIError('BAD_REQUEST', {
      code: 'INVALID_NAME',
      message: `The name must be 1 to ${NAME_MAX_CODE_POINTS} characters, without control characters.`,
    });
  }
  return trimmed;
}

/** Refuses an email longer than {@link EMAIL_MAX_LENGTH} (Better Auth checks its form). */
export function checkEmailLength(email: unknown): void {
  if (typeof email === 'string' && email.length > EMAIL_MAX_LENGTH) {
    throw new APIError('BAD_REQUEST', { code: 'INVALID_EMAIL', message: `The email address must be at most ${EMAIL_MAX_LENGTH} characters.` });
  }
}
