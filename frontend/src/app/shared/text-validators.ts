import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The API counts Unicode code points, not UTF-16 units: 200 emoji are a valid title. */
export function codePoints(text: string): number {
  return [...text].length;
}

/** Required after trimming, and at most `max` code points. */
export function trimmedLength(min: number, max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const length = codePoints(String(control.value ?? '').trim());
    if (length < min) return { required: true };
    if (length > max) return { tooLong: { max, actual: length } };
    return null;
  };
}

export function maxCodePoints(max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const length = codePoints(String(control.value ?? ''));
    return length > max ? { tooLong: { max, actual: length } } : null;
  };
}
