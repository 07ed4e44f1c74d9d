import type { Task } from '@taskgate/api-contract';

export function aTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    userId: 'user-1',
    title: 'Write the quarterly report',
    description: null,
    completed: false,
    priority: 'medium',
    dueDate: null,
    completedAt: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    labels: [],
    recurrence: null,
    remindAt: null,
    ...overrides,
  };
}

/** Lets pending timers, promises and change detection run. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits (up to a second) until `check` holds; zoneless change detection and
 * Material's dialog animations settle on their own schedule.
 */
export async function until(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await settle(10);
}
