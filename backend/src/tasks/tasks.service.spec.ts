import { Logger } from '@nestjs/common';
import { Task } from '@taskgate/api-contract';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from './domain/idempotency.errors';
import { TaskNotFoundError } from './domain/task.errors';
import { CreateTaskDto } from './dto/create-task.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { IdempotencyClaim, IdempotencyKeysRepository } from './idempotency-keys.repository';
import { ListTasksCriteria } from './list-tasks-query.pipe';
import { TaskRow, TasksRepository } from './tasks.repository';
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
};

function dto(fields: Record<string, unknown>): CreateTaskDto {
  return Object.assign(new CreateTaskDto(), fields);
}

/** TasksService over repositories and a DataSource made of jest.fn (the database boundary). */
function setup() {
  const manager = { name: 'transaction manager' } as unknown as EntityManager;
  const tasks = {
    insert: jest.fn().mockResolvedValue(rowOf()),
    list: jest.fn(),
    findOne: jest.fn(),
    update: jest.fn().mockResolvedValue(rowOf({ version: 2 })),
    complete: jest.fn(),
    delete: jest.fn().mockResolvedValue(undefined),
  };
  const keys = {
    claim: jest.fn<Promise<IdempotencyClaim>, [string, string, string]>().mockResolvedValue({ state: 'claimed' }),
    complete: jest.fn().mockResolvedValue(undefined),
    release: jest.fn().mockResolvedValue(undefined),
    deleteExpired: jest.fn().mockResolvedValue(0),
  };
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

/** The fingerprint create() claims a key with for `json`, read off the claim call. */
async function fingerprintOf(json: unknown): Promise<string> {
  const { service, keys } = setup();
  await service.create(USER, dto({ title: 'a' }), { key: KEY, json });
  return keys.claim.mock.calls[0][2];
}

describe('TasksService', () => {
  describe('create without an Idempotency-Key', () => {
    it('inserts the task with the defaults applied and answers 201', async () => {
      const { service, tasks, keys, dataSource } = setup();

      const created = await service.create(USER, dto({ title: 'Write the report' }));

      expect(tasks.insert).toHaveBeenCalledWith(USER, {
        title: 'Write the report',
        description: null,
        completed: false,
        priority: 'medium',
        dueDate: null,
      });
      expect(created).toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
      expect(keys.claim).not.toHaveBeenCalled();
      expect(dataSource.transaction).not.toHaveBeenCalled();
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

    it('claims the key, inserts inside a transaction and records the response there', async () => {
      const { service, tasks, keys, dataSource, manager } = setup();

      const created = await service.create(USER, dto(json), { key: KEY, json });

      expect(keys.claim).toHaveBeenCalledWith(USER, KEY, expect.any(String));
      expect(dataSource.transaction).toHaveBeenCalledTimes(1);
      expect(tasks.insert).toHaveBeenCalledWith(USER, expect.objectContaining({ title: 'Write the report' }), manager);
      expect(keys.complete).toHaveBeenCalledWith(manager, USER, KEY, 201, TASK, '"1"');
      expect(created).toEqual({ task: TASK, etag: '"1"', status: 201, replayed: false });
      expect(keys.release).not.toHaveBeenCalled();
    });

    it('fingerprints the body regardless of key order and whitespace', async () => {
      const { service, keys } = setup();

      await service.create(USER, dto(json), { key: KEY, json: { title: 'Write the report', priority: 'high' } });
      await service.create(USER, dto(json), { key: KEY, json: JSON.parse('{ "priority" : "high",\n"title":"Write the report" }') });

      const [first, second] = keys.claim.mock.calls.map((call) => call[2]);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second).toBe(first);
    });

    it.each([
      ['another value', { title: 'Write the report', priority: 'low' }],
      ['another field', { title: 'Write the report', priority: 'high', completed: false }],
      ['a value of another type', { title: 'Write the report', priority: ['high'] }],
    ])('fingerprints a body with %s differently', async (_label, other) => {
      await expect(fingerprintOf(other)).resolves.not.toBe(await fingerprintOf(json));
    });

    it('replays a completed key with the same body without inserting', async () => {
      const { service, tasks, keys, dataSource } = setup();
      keys.claim.mockResolvedValue({
        state: 'completed',
        fingerprint: await fingerprintOf(json),
        status: 201,
        body: TASK,
        etag: '"1"',
      });

      const replay = await service.create(USER, dto(json), { key: KEY, json: { priority: 'high', title: 'Write the report' } });

      expect(replay).toEqual({ task: TASK, etag: '"1"', status: 201, replayed: true });
      expect(tasks.insert).not.toHaveBeenCalled();
      expect(dataSource.transaction).not.toHaveBeenCalled();
    });

    it('refuses a completed key used with another body (IdempotencyKeyReusedError)', async () => {
      const { service, tasks, keys } = setup();
      keys.claim.mockResolvedValue({
        state: 'completed',
        fingerprint: await fingerprintOf({ title: 'Something else' }),
        status: 201,
        body: TASK,
        etag: '"1"',
      });

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toThrow(IdempotencyKeyReusedError);
      expect(tasks.insert).not.toHaveBeenCalled();
    });

    it('refuses a key still in flight with the same body (IdempotencyKeyInFlightError)', async () => {
      const { service, tasks, keys } = setup();
      keys.claim.mockResolvedValue({ state: 'in-flight', fingerprint: await fingerprintOf(json) });

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toThrow(IdempotencyKeyInFlightError);
      expect(tasks.insert).not.toHaveBeenCalled();
    });

    it('refuses a key in flight with another body as reused', async () => {
      const { service, keys } = setup();
      keys.claim.mockResolvedValue({ state: 'in-flight', fingerprint: await fingerprintOf({ title: 'other' }) });

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toThrow(IdempotencyKeyReusedError);
    });

    it('releases the claim and rethrows when the insert fails', async () => {
      const { service, tasks, keys } = setup();
      const failure = new Error('insert failed');
      tasks.insert.mockRejectedValue(failure);

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toBe(failure);
      expect(keys.release).toHaveBeenCalledWith(USER, KEY);
      expect(keys.complete).not.toHaveBeenCalled();
    });

    it('releases the claim and rethrows when recording the response fails', async () => {
      const { service, keys } = setup();
      const failure = new Error('update failed');
      keys.complete.mockRejectedValue(failure);

      await expect(service.create(USER, dto(json), { key: KEY, json })).rejects.toBe(failure);
      expect(keys.release).toHaveBeenCalledWith(USER, KEY);
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
      expect(tasks.list).toHaveBeenCalledWith(USER, criteria);
    });

    it('get answers the task and its ETag', async () => {
      const { service, tasks } = setup();
      tasks.findOne.mockResolvedValue(rowOf({ version: 5 }));

      await expect(service.get(USER, TASK.id)).resolves.toStrictEqual({ task: TASK, etag: '"5"' });
      expect(tasks.findOne).toHaveBeenCalledWith(USER, TASK.id);
    });

    it('get lets TaskNotFoundError through', async () => {
      const { service, tasks } = setup();
      tasks.findOne.mockRejectedValue(new TaskNotFoundError(TASK.id));

      await expect(service.get(USER, TASK.id)).rejects.toThrow(TaskNotFoundError);
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
      tasks.complete.mockResolvedValue(rowOf({ completed: true, version: 3 }));

      await expect(service.complete(USER, TASK.id, 'toggle', 'any')).resolves.toEqual({
        task: { ...TASK, completed: true },
        etag: '"3"',
      });
      expect(tasks.complete).toHaveBeenCalledWith(USER, TASK.id, 'toggle', 'any');
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
      jest.restoreAllMocks();
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

    it('logs a failed purge instead of throwing', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { service, keys } = setup();
      keys.deleteExpired.mockRejectedValue(new Error('connection terminated'));

      service.onModuleInit();
      await jest.advanceTimersByTimeAsync(15 * 60 * 1000);
      service.onApplicationShutdown();

      expect(warn).toHaveBeenCalledWith('purging idempotency keys failed: connection terminated');
    });
  });
});
