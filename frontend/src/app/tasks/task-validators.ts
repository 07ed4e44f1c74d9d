import { ValidatorFn } from '@angular/forms';

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30), or empty. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDate: ValidatorFn = (control) => {
  const value = String(control.value ?? '');
  return value === '' || isCalendarDate(value) ? null : { date: true };
};

/** Today in the user's time zone, as `YYYY-MM-DD`. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
