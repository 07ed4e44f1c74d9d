import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { trimmedLength } from '../shared/text-validators';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

/** Longest name, in code points: the auth server's limit (account-fields.ts). */
export const NAME_MAX_LENGTH = 100;
/** Longest email address: the auth server's limit (RFC 5321). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * The addresses the auth server accepts: Better Auth checks them with zod's
 * `z.email()`, whose pattern this is (zod/v4/core/regexes.ts). So
 * `notld@example` is refused here, as it would be there.
 */
const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `{ email: true }` unless the trimmed value is an address the auth server accepts; empty is left to `required`. */
export const emailAddress: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value = String(control.value ?? '').trim();
  if (!value) return null;
  return value.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(value) ? null : { email: true };
};

/** `{ control: true }` when the value holds a control character (a pasted tab), which the auth server refuses. */
export const noControlCharacters: ValidatorFn = (control: AbstractControl): ValidationErrors | null =>
  CONTROL.test(String(control.value ?? '')) ? { control: true } : null;

export const emailValidators: ValidatorFn[] = [Validators.required, emailAddress];
export const nameValidators: ValidatorFn[] = [trimmedLength(1, NAME_MAX_LENGTH), noControlCharacters];

export type AccountField = 'name' | 'email' | 'password';

/**
 * The auth server's refusal of one field, in the words the form uses for
 * that field; null for anything else. Better Auth answers a value its
 * schema refuses with the raw `[body.email] Invalid email address`, and its
 * own checks with codes (INVALID_EMAIL, PASSWORD_TOO_SHORT, ...).
 */
export function accountFieldError(error: unknown): { field: AccountField; message: string } | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return null;
  const body = (error.error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : '';
  const field = typeof body.message === 'string' ? /^\[body\.(\w+)\]/.exec(body.message)?.[1] : undefined;
  if (code === 'INVALID_EMAIL' || field === 'email') {
    return { field: 'email', message: 'Enter a valid email address, like name@example.com.' };
  }
  if (code === 'PASSWORD_TOO_SHORT') return { field: 'password', message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  if (code === 'PASSWORD_TOO_LONG') return { field: 'password', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  if (field === 'password') return { field: 'password', message: 'Choose a password.' };
  if (code === 'INVALID_NAME' || field === 'name') {
    return { field: 'name', message: `Use 1 to ${NAME_MAX_LENGTH} characters, without tabs or line breaks.` };
  }
  return null;
}
