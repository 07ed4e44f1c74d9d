import { DataSource } from 'typeorm';
import { runPlannedEachTime, runPrepared } from '../src/database/prepared-statements';
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

  // The task columns read their dates and instants this way (task-sql.ts).
  const instants = ['2026-12-04T20:02:01.000Z', '2026-12-04T20:02:01.100Z', '2026-12-04T20:02:01.120Z', '2026-12-04T20:02:01.123Z', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'];
  const days = ['2026-12-04', '2024-02-29', '0001-01-01', '9999-12-31'];
  const text = 'SELECT $1::timestamptz(3) AS at, $2::date AS day, NULL::timestamptz AS never';

  it("reads instants and dates as the API's ISO strings, prepared or planned each time", async () => {
    for (const run of [runPrepared, runPlannedEachTime]) {
      for (const [i, at] of instants.entries()) {
        const { rows } = await run(dataSource.manager, text, [at, days[i % days.length]]);
        expect(rows).toEqual([{ at, day: days[i % days.length], never: null }]);
      }
    }
  });

  it('reads the same instants in a session of another time zone', async () => {
    for (const zone of ['Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns']) {
      await dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL TimeZone = '${zone}'`);
        for (const at of instants.slice(0, 5)) {
          const { rows } = await runPrepared(manager, text, [at, '2026-12-04']);
          expect(rows[0].at).toBe(at);
        }
      });
    }
  });
});
