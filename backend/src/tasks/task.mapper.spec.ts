import { toTaskResponse } from './task.mapper';
import { TaskRow } from './task-sql';

const row: TaskRow = {
  id: '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11',
  userId: 'user-1',
  title: 'Write the quarterly report',
  description: null,
  completed: true,
  priority: 'high',
  dueDate: '2026-12-31',
  completedAt: '2026-11-22T11:00:00.000Z',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T11:00:00.000Z',
  labels: ['home', 'Work'],
  recurrence: { every: 'month', interval: 1 },
  remindAt: '2026-12-31T08:00:00.000Z',
  version: 4,
};

describe('toTaskResponse', () => {
  it('copies exactly the contract fields', () => {
    expect(toTaskResponse(row)).toStrictEqual({
      id: '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11',
      userId: 'user-1',
      title: 'Write the quarterly report',
      description: null,
      completed: true,
      priority: 'high',
      dueDate: '2026-12-31',
      completedAt: '2026-11-22T11:00:00.000Z',
      createdAt: '2026-11-22T10:00:00.000Z',
      updatedAt: '2026-11-22T11:00:00.000Z',
      labels: ['home', 'Work'],
      recurrence: { every: 'month', interval: 1 },
      remindAt: '2026-12-31T08:00:00.000Z',
    });
  });

  it('drops the version', () => {
    expect(toTaskResponse(row)).not.toHaveProperty('version');
  });

  it('drops any extra property of the row', () => {
    const withExtras = { ...row, user_id: 'user-1', passwordHash: 'x', __internal: true } as TaskRow;

    expect(Object.keys(toTaskResponse(withExtras)).sort()).toEqual(
      [
        'completed',
        'completedAt',
        'createdAt',
        'description',
        'dueDate',
        'id',
        'labels',
        'priority',
        'recurrence',
        'remindAt',
        'title',
        'updatedAt',
        'userId',
      ],
    );
  });
});
