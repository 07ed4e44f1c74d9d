import { createHash } from 'node:crypto';
import { TASK_PRIORITIES, TaskSortField } from '@taskgate/api-contract';
import { InvalidListCursorError } from './domain/task.errors';

/**
 * Where a cursor walk stands: after the row with this sort key and id. The
 * rows come in `ORDER BY <sort key> <order> [NULLS LAST], id ASC`, so "after"
 * is a keyset condition on (sort key, id) that an index reads directly, and a
 * task created or deleted meanwhile moves no other task across the line: no
 * repeats, no gaps (API.md, "Tasks, v1.1").
 */
export interface ListPosition {
  /** The last row's sort key as the database writes it (null: a task without dueDate). */
  key: string | null;
  id: string;
}

/** The walk a cursor belongs to: the owner and everything that shapes the order and the matches. */
export interface CursorScope {
  userId: string;
  status: string;
  q?: string;
  priority?: string;
  sort: TaskSortField;
  order: string;
  labels?: string[];
  dueFrom?: string;
  dueTo?: string;
  due?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// To the millisecond, as the task's fields show it; cursors issued before 2026-12-05 carry microseconds.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(\d{3})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which sort keys a cursor may carry, per sort: anything else is a malformed cursor. */
const KEY_RULES: Record<TaskSortField, (key: unknown) => boolean> = {
  created: (key) => typeof key === 'string' && TIMESTAMP.test(key),
  updated: (key) => typeof key === 'string' && TIMESTAMP.test(key),
  dueDate: (key) => key === null || (typeof key === 'string' && DATE.test(key)),
  priority: (key) => typeof key === 'string' && (TASK_PRIORITIES as readonly string[]).includes(key),
  title: (key) => typeof key === 'string' && key.length <= 2_000,
};

/** 16 bytes of SHA-256 over the scope: a cursor from another user or another query does not match. */
function fingerprint(scope: CursorScope): string {
  const { userId, status, q, priority, sort, order, labels, dueFrom, dueTo, due } = scope;
  const bound: unknown[] = [userId, status, q ?? null, priority ?? null, sort, order];
  // The v1.1 filters only when given: a cursor issued before them stays valid.
  if ([labels, dueFrom, dueTo, due].some((filter) => filter !== undefined)) {
    const labelKeys = labels?.map((name) => name.toLowerCase()).sort() ?? null;
    bound.push(labelKeys, dueFrom ?? null, dueTo ?? null, due ?? null);
  }
  return createHash('sha256').update(JSON.stringify(bound)).digest('base64url').slice(0, 22);
}

/** The opaque cursor for the page after `position`. */
export function encodeCursor(scope: CursorScope, position: ListPosition): string {
  return Buffer.from(JSON.stringify({ k: position.key, i: position.id, s: fingerprint(scope) })).toString('base64url');
}

export const MALFORMED_CURSOR = 'must be a cursor from a Link header of this list';

/** The position a cursor names; throws {@link InvalidListCursorError} (a 400) when it names none of this list. */
export function decodeCursor(text: string, scope: CursorScope): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidListCursorError(MALFORMED_CURSOR);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidListCursorError(MALFORMED_CURSOR);
  const { k, i, s } = parsed as Record<string, unknown>;
  if (typeof i !== 'string' || !UUID.test(i) || typeof s !== 'string' || !KEY_RULES[scope.sort](k)) {
    throw new InvalidListCursorError(MALFORMED_CURSOR);
  }
  if (s !== fingerprint(scope)) {
    throw new InvalidListCursorError("belongs to another list: its filters, sort or owner differ from this request's");
  }
  return { key: k as string | null, id: i };
}
