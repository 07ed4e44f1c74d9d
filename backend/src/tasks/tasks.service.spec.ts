import { ConsoleLogger, Logger } from '@nestjs/common';
import { Task } from '@taskgate/api-contract';
import pino from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { PinoLoggerService } from '../logging/logger';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from './domain/idempotency.errors';
import { CreateTaskDto } from './dto/create-task.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { IdempotencyClaim, IdempotencyKeysRepository } from './idempotency-keys.repository';
import { ListTasksCriteria } from './list-tasks-query.pipe';
import { TaskRow } from './task-sql';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

const USER = 'user-1';
const KEY = 'create-report-1';

function rowOf(fields: Partial<TaskRow> = {}): TaskRow {
  return {
    id: '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11',
    userId: USER,
    title: 'Write the report',
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
    version: 1,
    ...fields,
  };
}

/** rowOf() as the API answers it: the contract fields, no version. */
const TASK: Task = {
  id: '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11',
  userId: USER,
  title: 'Write the report',
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
};

function dto(fields: Record<string, unknown>): CreateTaskDto {
  return Object.assign(new CreateTaskDto(), fields);
}

/**
 * The idempotency keys repository over a Map: what a claim, a completion and a
 * release leave is what the next request with the key finds, as in the
 * database. Each method is a jest.fn a test can make fail.
 */
function keysInMemory() {
  const records = new Map<string, IdempotencyClaim>();
  const id = (userId: string, key: string) => `${userId}\u0000${key}`;
  return {
    claim: jest.fn(async (userId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> => {
      const held = records.get(id(userId, key));
      if (held) return held;
      records.set(id(userId, key), { state: 'in-flight', fingerprint });
      return { state: 'claimed' };
    }),
    complete: jest.fn(async (_manager: EntityManager, userId: string, key: string, status: number, body: unknown, etag: string) => {
      const held = records.get(id(userId, key));
      if (held?.state !== 'in-flight') throw new Error(`no claim on ${key}`);
      records.set(id(userId, key), { state: 'completed', fingerprint: held.fingerprint, status, body, etag });
    }),
    release: jest.fn(async (userId: string, key: string) => {
      if (records.get(id(userId, key))?.state === 'in-flight') records.delete(id(userId, key));
    }),
    deleteExpired: jest.fn().mockResolvedValue(0),
  };
}

/** TasksService over a tasks repository and a DataSource made of jest.fn (the database boundary), and keysInMemory(). */
function setup() {
  const manager = { name: 'transaction manager' } as unknown as EntityManager;
  const tasks = {
    insert: jest.fn().mockResolvedValue(rowOf()),
    list: jest.fn(),
    findOne: jest.fn(),
    update: jest.fn().mockResolvedValue({ row: rowOf({ version: 2 }) }),
    complete: jest.fn(),
    delete: jest.fn().mockResolvedValue(undefined),
  };
  const keys = keysInMemory();
  const dataSource = {
    transaction: jest.fn(async (work: (manager: EntityManager) => Promise<unknown>) => work(manager)),
  };
  const service = new TasksService(
    tasks as unknown as TasksRepository,
    keys as unknown as IdempotencyKeysRepository,
    dataSource as unknown as DataSource,
  );
  return { service, tasks, keys, dataSource, manager };
}

describe('TasksService', () => {
  describe('create without an Idempotency-Key', () => {
    it('inserts the task with the defaults applied and answers 201', async () => {
      const { service, tasks, keys } = setup();

      const created = await service.create(USER, dto({ title: 'Write the report' }));

      expect(tasks.insert).toHaveBeenCalledWith(USER, {
        title: 'Write the report',
        description: null,
        completed: false,
        priority: 'medium',
        dueDate: null,
        labels: [],
        recurrence: null,
        remindAt: null,
      });
      expect(created).toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
      expect(keys.claim).not.toHaveBeenCalled();
    });

    it('trims the title', async () => {
      const { service, tasks } = setup();

      await service.create(USER, dto({ title: '  \tWrite the report \n' }));

      expect(tasks.insert).toHaveBeenCalledWith(USER, expect.objectContaining({ title: 'Write the report' }));
    });

    it('stores an empty description as null', async () => {
      const { service, tasks } = setup();

      await service.create(USER, dto({ title: 'a', description: '' }));

      expect(tasks.insert).toHaveBeenCalledWith(USER, expect.objectContaining({ description: null }));
    });

    it('keeps the fields given', async () => {
      const { service, tasks } = setup();

      await service.create(
        USER,
        dto({ title: 'a', description: ' notes ', completed: true, priority: 'high', dueDate: '2026-12-31' }),
      );

      expect(tasks.insert).toHaveBeenCalledWith(USER, {
        title: 'a',
        description: ' notes ',
        completed: true,
        priority: 'high',
        dueDate: '2026-12-31',
        labels: [],
        recurrence: null,
        remindAt: null,
      });
    });

    it('does not change the DTO it was given', async () => {
      const { service } = setup();
      const input = dto({ title: '  a  ', description: '' });

      await service.create(USER, input);

      expect(input).toMatchObject({ title: '  a  ', description: '' });
    });

    it('answers only the contract fields of the inserted row', async () => {
      const { service, tasks } = setup();
      tasks.insert.mockResolvedValue({ ...rowOf({ version: 9 }), secret: 'x' });

      const created = await service.create(USER, dto({ title: 'a' }));

      expect(created.task).toStrictEqual(TASK);
      expect(created.etag).toBe('"9"');
    });
  });

  describe('create with an Idempotency-Key', () => {
    const json = { title: 'Write the report', priority: 'high' };

    it('inserts the task and records its response under the key, both in one transaction', async () => {
      const { service, tasks, keys, manager } = setup();

      const created = await service.create(USER, dto(json), { key: KEY, json });

      expect(created).toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
      expect(tasks.insert).toHaveBeenCalledWith(USER, expect.objectContaining({ title: 'Write the report' }), manager);
      expect(keys.complete).toHaveBeenCalledWith(manager, USER, KEY, 201, TASK, '"1"');
    });

    it('answers a repeat of the same body, in any key order or layout, with the first answer and creates nothing more', async () => {
      const { service, tasks } = setup();

      const first = await service.create(USER, dto(json), { key: KEY, json });
      const again = await service.create(USER, dto(json), { key: KEY, json: JSON.parse('{ "priority" : "high",\n"title":"Write the report" }') });

      expect(again).toEqual({ ...first, replayed: true });
      expect(tasks.insert).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['another value', { title: 'Write the report', priority: 'low' }],
      ['another field', { title: 'Write the report', priority: 'high', completed: false }],
      ['a value of another type', { title: 'Write the report', priority: ['high'] }],
    ])('refuses a repeat with %s (IdempotencyKeyReusedError) and creates nothing more', async (_label, other) => {
      const { service, tasks } = setup();
      await service.create(USER, dto(json), { key: KEY, json });

      await expect(service.create(USER, dto(other), { key: KEY, json: other })).rejects.toThrow(IdempotencyKeyReusedError);
      expect(tasks.insert).toHaveBeenCalledTimes(1);
    });

    it('refuses a repeat while the first request runs: in flight with the same body, reused with another', async () => {
      const { service, tasks } = setup();
      let finishInsert: () => void = () => undefined;
      tasks.insert.mockImplementationOnce(() => new Promise((resolve) => (finishInsert = () => resolve(rowOf()))));
      const first = service.create(USER, dto(json), { key: KEY, json });
      while (tasks.insert.mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toThrow(IdempotencyKeyInFlightError);
      const other = { title: 'Something else' };
      await expect(service.create(USER, dto(other), { key: KEY, json: other })).rejects.toThrow(IdempotencyKeyReusedError);

      finishInsert();
      await expect(first).resolves.toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
      expect(tasks.insert).toHaveBeenCalledTimes(1);
    });

    it('rethrows a failed insert, and a retry with the key then creates the task', async () => {
      const { service, tasks } = setup();
      const failure = new Error('insert failed');
      tasks.insert.mockRejectedValueOnce(failure);

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toBe(failure);
      await expect(service.create(USER, dto(json), { key: KEY, json })).resolves.toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
    });

    it('rethrows a failure to record the response, and a retry with the key then creates the task', async () => {
      const { service, keys } = setup();
      const failure = new Error('update failed');
      keys.complete.mockRejectedValueOnce(failure);

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toBe(failure);
      await expect(service.create(USER, dto(json), { key: KEY, json })).resolves.toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
    });

    it('rethrows the original error when the release fails too', async () => {
      const { service, tasks, keys } = setup();
      const failure = new Error('insert failed');
      tasks.insert.mockRejectedValue(failure);
      keys.release.mockRejectedValue(new Error('release failed'));

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toBe(failure);
    });
  });

  describe('the other operations', () => {
    const criteria: ListTasksCriteria = { status: 'all', sort: 'created', order: 'desc', limit: 50, offset: 0 };

    it('list maps the rows and passes the total on', async () => {
      const { service, tasks } = setup();
      tasks.list.mockResolvedValue({ rows: [rowOf(), rowOf({ id: 'b', version: 3 })], total: 7 });

      await expect(service.list(USER, criteria)).resolves.toStrictEqual({ tasks: [TASK, { ...TASK, id: 'b' }], total: 7 });
      expect(tasks.list).toHaveBeenCalledWith(USER, criteria, undefined);
    });

    it('get answers the task and its ETag', async () => {
      const { service, tasks } = setup();
      tasks.findOne.mockResolvedValue(rowOf({ version: 5 }));

      await expect(service.get(USER, TASK.id)).resolves.toStrictEqual({ task: TASK, etag: '"5"' });
      expect(tasks.findOne).toHaveBeenCalledWith(USER, TASK.id);
    });

    it('update trims the title, nulls an empty description and passes the condition on', async () => {
      const { service, tasks } = setup();
      const changes = Object.assign(new UpdateTaskDto(), { title: '  New title ', description: '' });

      await expect(service.update(USER, TASK.id, changes, [1])).resolves.toEqual({ task: TASK, etag: '"2"' });
      expect(tasks.update).toHaveBeenCalledWith(
        USER,
        TASK.id,
        expect.objectContaining({ title: 'New title', description: null }),
        [1],
      );
    });

    it('update leaves absent fields absent', async () => {
      const { service, tasks } = setup();

      await service.update(USER, TASK.id, Object.assign(new UpdateTaskDto(), { completed: true }), undefined);

      const changes = tasks.update.mock.calls[0][2];
      expect(changes).toMatchObject({ completed: true });
      expect(changes.title).toBeUndefined();
      expect(changes.description).toBeUndefined();
    });

    it('complete passes the change and condition on', async () => {
      const { service, tasks } = setup();
      tasks.complete.mockResolvedValue({ row: rowOf({ completed: true, version: 3 }) });

      await expect(service.complete(USER, TASK.id, 'toggle', 'any')).resolves.toEqual({
        task: { ...TASK, completed: true },
        etag: '"3"',
      });
      expect(tasks.complete).toHaveBeenCalledWith(USER, TASK.id, 'toggle', 'any');
    });

    it('answers the next occurrence a completion created', async () => {
      const { service, tasks } = setup();
      const next = '5b0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11';
      tasks.complete.mockResolvedValue({ row: rowOf({ completed: true, version: 2 }), nextTaskId: next });

      await expect(service.complete(USER, TASK.id, { completed: true }, undefined)).resolves.toMatchObject({ nextTaskId: next });
    });

    it('refuses recurrence without a due date on create, before writing', async () => {
      const { service, tasks } = setup();

      await expect(service.create(USER, dto({ title: 'a', recurrence: { every: 'day', interval: 1 } }))).rejects.toThrow(
        'a recurring task needs a dueDate',
      );
      expect(tasks.insert).not.toHaveBeenCalled();
    });

    it('trims labels and answers remindAt in UTC', async () => {
      const { service, tasks } = setup();

      await service.create(USER, dto({ title: 'a', labels: [' Work '], remindAt: '2026-12-01T09:00:00.1234+01:00' }));

      expect(tasks.insert).toHaveBeenCalledWith(
        USER,
        expect.objectContaining({ labels: ['Work'], remindAt: '2026-12-01T08:00:00.123Z' }),
      );
    });

    it('delete passes the condition on', async () => {
      const { service, tasks } = setup();

      await expect(service.delete(USER, TASK.id, [4])).resolves.toBeUndefined();
      expect(tasks.delete).toHaveBeenCalledWith(USER, TASK.id, [4]);
    });
  });

  describe('purging expired idempotency keys', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => {
      jest.useRealTimers();
      Logger.overrideLogger(new ConsoleLogger());
    });

    it('purges every 15 minutes once started, and stops on shutdown', () => {
      const { service, keys } = setup();

      service.onModuleInit();
      jest.advanceTimersByTime(15 * 60 * 1000 - 1);
      expect(keys.deleteExpired).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(keys.deleteExpired).toHaveBeenCalledTimes(1);

      service.onApplicationShutdown();
      jest.advanceTimersByTime(60 * 60 * 1000);
      expect(keys.deleteExpired).toHaveBeenCalledTimes(1);
    });

    it('logs a failed purge as a warning instead of throwing', async () => {
      // Nest's logger as the app installs it (create-app.ts), writing here.
      const logged: string[] = [];
      Logger.overrideLogger(new PinoLoggerService(pino({ level: 'trace' }, { write: (line: string) => logged.push(line) })));
      const { service, keys } = setup();
      keys.deleteExpired.mockRejectedValue(new Error('connection terminated'));

      service.onModuleInit();
      await jest.advanceTimersByTimeAsync(15 * 60 * 1000);
      service.onApplicationShutdown();

      expect(logged.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ level: 40, context: 'TasksService', msg: 'purging idempotency keys failed: connection terminated' }),
      ]);
    });
  });
});
