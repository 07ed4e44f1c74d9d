import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';

/** Counts Unicode code points, as API.md's lengths do (an emoji is one). */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** Validate only when the field is present; `null` is then invalid. */
export const IfPresent = () => ValidateIf((_object, value) => value !== undefined);

/** Validate only when the field is present and not `null`. */
export const IfPresentAndNotNull = () => ValidateIf((_object, value) => value !== undefined && value !== null);

/**
 * A string of `min`–`max` code points (after trimming when `trim`), with no
 * NUL (PostgreSQL cannot store it) and no lone surrogate (it cannot be UTF-8).
 */
export function IsTaskText(rule: { min: number; max: number; trim?: boolean }, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTaskText',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value.includes('\u0000') || !value.isWellFormed()) return false;
          const length = codePointLength(rule.trim ? value.trim() : value);
          return length >= rule.min && length <= rule.max;
        },
        defaultMessage: () =>
          `must be text of ${rule.min === rule.max ? rule.min : `${rule.min} to ${rule.max}`} characters` +
          `${rule.trim ? ' after trimming' : ''}, without NUL characters`,
      },
    });
}

/** A real calendar date written `YYYY-MM-DD` (years 0001–9999). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : daysInMonth);
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: isCalendarDate,
        defaultMessage: () => 'must be a real calendar date written YYYY-MM-DD, or null',
      },
    });
}
