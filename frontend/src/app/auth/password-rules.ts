import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';

/** Better Auth's defaults for email + password accounts. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** The hint under a new password: the auth server's rules, nothing it does not check. */
export const PASSWORD_HINT = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`;

/** What a new password must satisfy, on sign-up and when changing it. */
export const newPasswordValidators: ValidatorFn[] = [
  Validators.required,
  Validators.minLength(PASSWORD_MIN_LENGTH),
  Validators.maxLength(PASSWORD_MAX_LENGTH),
];

/** `{ mismatch: true }` unless the value equals the sibling control `name`. */
export function sameAs(name: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const other = control.parent?.get(name)?.value;
    return control.value && control.value !== other ? { mismatch: true } : null;
  };
}
