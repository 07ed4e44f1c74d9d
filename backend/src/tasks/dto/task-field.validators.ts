import { LABEL_MAX_LENGTH, LABELS_PER_TASK_MAX, RECURRENCE_INTERVAL_MAX, RECURRENCE_UNITS } from '@taskgate/api-contract';
import { ValidateIf, ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

/** Counts Unicode code points, as API.md's lengths do (an emoji is one). */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** Validate only when the field is present; `null` is then invalid. */
export const IfPresent = () => ValidateIf((_object, value) => value !== undefined);

/** Validate only when the field is present and not `null`. */
export const IfPresentAndNotNull = () => ValidateIf((_object, value) => value !== undefined && value !== null);

/**
 * A class-validator decorator from a rule that says why a value is invalid
 * (undefined when it is valid): the rule's words are the error message. The
 * rule also gets the object, for a field whose rule depends on another.
 */
export function validatedBy(
  name: string,
  problem: (value: unknown, object: object) => string | undefined,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => problem(value, args?.object ?? {}) === undefined,
        defaultMessage: (args?: ValidationArguments) => problem(args?.value, args?.object ?? {}) ?? '',
      },
    });
}

/**
 * A string of `min`–`max` code points (after trimming when `trim`), with no
 * NUL (PostgreSQL cannot store it) and no lone surrogate (it cannot be UTF-8).
 */
export function IsTaskText(rule: { min: number; max: number; trim?: boolean }, options?: ValidationOptions) {
  const message =
    `must be text of ${rule.min === rule.max ? rule.min : `${rule.min} to ${rule.max}`} characters` +
    `${rule.trim ? ' after trimming' : ''}, without NUL characters`;
  return validatedBy(
    'isTaskText',
    (value) => {
      if (typeof value !== 'string' || value.includes('\u0000') || !value.isWellFormed()) return message;
      const length = codePointLength(rule.trim ? value.trim() : value);
      return length >= rule.min && length <= rule.max ? undefined : message;
    },
    options,
  );
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

export const IsCalendarDate = (options?: ValidationOptions) =>
  validatedBy('isCalendarDate', (value) => (isCalendarDate(value) ? undefined : 'must be a real calendar date written YYYY-MM-DD, or null'), options);

/** Why `value` is not a label name (API.md v1.1: trimmed, 1–50 code points, no NUL, no comma), or undefined. */
export function labelNameProblem(value: unknown): string | undefined {
  const rule = `must be a label of 1 to ${LABEL_MAX_LENGTH} characters after trimming, without commas or NUL characters`;
  if (typeof value !== 'string' || value.includes('\u0000') || value.includes(',') || !value.isWellFormed()) return rule;
  const length = codePointLength(value.trim());
  return length >= 1 && length <= LABEL_MAX_LENGTH ? undefined : rule;
}

/** The key labels are compared by (case-insensitive; the database's lower() decides in the end). */
export function labelKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Why `value` is not a task's label list, or undefined. */
export function labelListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must be an array of labels';
  if (value.length > LABELS_PER_TASK_MAX) return `must hold at most ${LABELS_PER_TASK_MAX} labels`;
  const seen = new Set<string>();
  for (const [index, label] of value.entries()) {
    const problem = labelNameProblem(label);
    if (problem) return `[${index}] ${problem}`;
    const key = labelKey(label as string);
    if (seen.has(key)) return `[${index}] repeats the label "${(label as string).trim()}" (labels compare case-insensitively)`;
    seen.add(key);
  }
  return undefined;
}

/** One label name (bulk's `label`, a rename's `name`). */
export const IsLabelName = (options?: ValidationOptions) => validatedBy('isLabelName', labelNameProblem, options);

/** A task's labels: at most 20 valid names, no two the same ignoring case. */
export const IsLabelList = (options?: ValidationOptions) => validatedBy('isLabelList', labelListProblem, options);

/** Why `value` is not a recurrence (`{every, interval}`, nothing else), or undefined. */
export function recurrenceProblem(value: unknown): string | undefined {
  const rule = `must be null or {"every": ${RECURRENCE_UNITS.join('|')}, "interval": 1–${RECURRENCE_INTERVAL_MAX}} and nothing else`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return rule;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !keys.includes('every') || !keys.includes('interval')) return rule;
  const { every, interval } = value as Record<string, unknown>;
  if (!(RECURRENCE_UNITS as readonly unknown[]).includes(every)) return rule;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > RECURRENCE_INTERVAL_MAX) return rule;
  return undefined;
}

export const IsRecurrence = (options?: ValidationOptions) => validatedBy('isRecurrence', recurrenceProblem, options);

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An ISO 8601 date-time with `Z` or an offset (`2026-12-01T09:00:00+01:00`),
 * a real calendar date, years 0001–9999 once in UTC. Without an offset the
 * moment would depend on the server's time zone: refused.
 */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match || !isCalendarDate(match[1])) return false;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** The instant in UTC to the millisecond, as answered (`toISOString()`). */
export function toUtcInstant(value: string): string {
  return new Date(Date.parse(value)).toISOString();
}

export const IsInstant = (options?: ValidationOptions) =>
  validatedBy(
    'isInstant',
    (value) => (isInstant(value) ? undefined : 'must be an ISO 8601 date-time with Z or an offset (2026-12-01T09:00:00Z), or null'),
    options,
  );
