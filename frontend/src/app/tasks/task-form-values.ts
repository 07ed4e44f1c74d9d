import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';
import { LABEL_MAX_LENGTH, LABELS_PER_TASK_MAX } from '@taskgate/api-contract';
import { codePoints } from '../shared/text-validators';

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day a picked date names, as `YYYY-MM-DD`: read in local time, never shifted to UTC. */
export function toDueDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` as local midnight of that day (what the date picker shows). */
export function fromDueDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

/** A reminder picked as a local day and `HH:mm`, as ISO 8601 in UTC with `Z`. */
export function toRemindAt(day: Date, time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes).toISOString();
}

/** A stored reminder back as the local day and `HH:mm` it falls on in this time zone. */
export function fromRemindAt(iso: string): { day: Date; time: string } {
  const at = new Date(iso);
  return {
    day: new Date(at.getFullYear(), at.getMonth(), at.getDate()),
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/**
 * Why a label cannot be added to `labels`, or null when it can (API.md v1.1:
 * trimmed, 1–50 code points, no NUL, no comma, at most 20, no duplicates
 * ignoring case). `label` is already trimmed.
 */
export function labelProblem(label: string, labels: readonly string[]): string | null {
  if (!label) return 'Enter a label.';
  if (codePoints(label) > LABEL_MAX_LENGTH) return `A label has at most ${LABEL_MAX_LENGTH} characters.`;
  if (label.includes(',')) return 'A label cannot contain a comma.';
  if (label.includes('\u0000')) return 'A label cannot contain a NUL character.';
  const lower = label.toLowerCase();
  if (labels.some((l) => l.toLowerCase() === lower)) return `“${label}” is already on this task.`;
  if (labels.length >= LABELS_PER_TASK_MAX) return `A task has at most ${LABELS_PER_TASK_MAX} labels.`;
  return null;
}

/**
 * The native adapter with one change: a typed `2026-12-01` is that day in
 * local time. `Date.parse` reads an ISO date without a time as UTC midnight,
 * which west of Greenwich is the evening before.
 */
@Injectable()
export class LocalDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(value);
      if (match) {
        const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
        return date.getMonth() === Number(match[2]) - 1 ? date : this.invalid();
      }
    }
    return super.parse(value, parseFormat);
  }
}
