import { DataSource } from 'typeorm';
import { runPrepared } from '../src/database/prepared-statements';
import { startTestApp, TestApp } from './support/test-app';

// The repository runs every statement through runPrepared, on TypeORM's
// pg pool or on a transaction's connection: both must behave as TypeORM's own.
describe('runPrepared on PostgreSQL', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('runs the same text again with other values, and never answers one text with another', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    for (let i = 0; i < 20; i++) {
      const { rows } = await runPrepared<{ n: number }>(dataSource.manager, text, [i]);
      expect(rows).toEqual([{ n: i + 1 }]);
    }
    // Another text: never confused with the first on a shared connection.
    const { rows } = await runPrepared(dataSource.manager, 'SELECT $1::text AS s', ['x']);
    expect(rows).toEqual([{ s: 'x' }]);
  });

  it("runs inside the caller's transaction: a rollback undoes its writes", async () => {
    const user = `rollback-${Date.now()}`;
    const insert = `INSERT INTO tasks (user_id, title) VALUES ($1, $2)`;
    await expect(
      dataSource.transaction(async (manager) => {
        await runPrepared(manager, insert, [user, 'undone']);
        const seen = await runPrepared(manager, 'SELECT count(*)::int AS n FROM tasks WHERE user_id = $1', [user]);
        expect(seen.rows[0].n).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const { rows } = await runPrepared<{ n: number }>(dataSource.manager, 'SELECT count(*)::int AS n FROM tasks WHERE user_id = $1', [user]);
    expect(rows[0].n).toBe(0);
  });
});
