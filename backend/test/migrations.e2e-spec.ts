import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrateDatabase } from '../src/database/migrate';
import { MIGRATIONS } from '../src/database/typeorm-options';
import { reportFigure } from '@taskgate/test-report';
import { ListeningApp, startAppOn } from './support/app-on-database';
import { bearer, newUserId, tokenFor } from './support/tokens';

// Migrations run at start-up, before the app's pool exists (database/migrate.ts).
describe('migrations at start-up', () => {
  let db: TestDatabase;
  const apps: ListeningApp[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('lets replicas started together on an empty database all come up, each migration applied once', async () => {
    apps.push(...(await Promise.all([startAppOn(db.url), startAppOn(db.url), startAppOn(db.url)])));
    const applied = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual([
      'CreateTasks1763800000000',
      'ListsAtScale1764900000000',
      'TaskLabelsRecurrenceReminders1765000000000',
      'SearchByOwner1765100000000',
      'LabelCountsSkipUnlabelled1765200000000',
      'SearchCountsFromAnIndex1765300000000',
    ]);
    const user = newUserId('migrated');
    for (const app of apps) {
      const res = await fetch(`${app.url}/api/${user}/tasks`, { method: 'POST', headers: { ...bearer(tokenFor(user)), 'Content-Type': 'application/json' }, body: '{"title":"after migrating"}' });
      expect(res.status).toBe(201);
    }
  }, 30_000);
});

// Issue 20: a migration on a large table must not stop the writes of the
// people using it. Measured here on 500,000 tasks, with a writer that creates
// and toggles a task in turn for as long as the migrations run.
describe('migrations on a table of 500,000 tasks', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const first = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS.slice(0, 1), logging: false });
    await first.initialize();
    await first.runMigrations();
    await first.destroy();
    await db.query(
      `INSERT INTO tasks (user_id, title, description, completed, priority, completed_at)
       SELECT 'bulk-' || (n % 1000), 'task ' || n, CASE WHEN n % 3 = 0 THEN 'notes ' || n END, n % 10 < 3,
              (ARRAY['low','medium','high'])[1 + n % 3]::task_priority, CASE WHEN n % 10 < 3 THEN now() END
       FROM generate_series(1, 500000) AS n`,
    );
    await db.query('VACUUM ANALYZE tasks');
  }, 120_000);
  afterAll(() => db?.drop());

  it('finish in under a minute, and no write waits a second for them', async () => {
    const writer = new Client({ connectionString: db.url });
    await writer.connect();
    let migrating = true;
    const waits: number[] = [];
    const writing = (async () => {
      for (let i = 0; migrating; i++) {
        const started = performance.now();
        if (i % 2 === 0) {
          await writer.query(`INSERT INTO tasks (user_id, title, priority) VALUES ('writer', $1, 'high')`, [`written ${i}`]);
        } else {
          await writer.query(
            `UPDATE tasks SET completed = NOT completed, completed_at = CASE WHEN completed THEN NULL ELSE now() END
             WHERE id = (SELECT id FROM tasks WHERE user_id = 'writer' ORDER BY created_at DESC LIMIT 1)`,
          );
        }
        waits.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const started = performance.now();
    await migrateDatabase(db.url);
    const took = performance.now() - started;
    migrating = false;
    await writing;
    await writer.end();

    const longest = Math.max(...waits);
    reportFigure('migrations on 500,000 tasks', `${(took / 1000).toFixed(1)} s; ${waits.length} writes meanwhile, the longest ${longest.toFixed(0)} ms`);
    expect(took).toBeLessThan(60_000);
    expect(waits.length).toBeGreaterThan(20);
    expect(longest).toBeLessThan(1_000);
    // The totals start right: what the table holds, writes during the migration included.
    const [mismatch] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT user_id, priority, count(*) AS tasks FROM tasks GROUP BY 1, 2) AS actual
       FULL JOIN (SELECT user_id, priority, sum(tasks) AS tasks FROM task_counts GROUP BY 1, 2) c USING (user_id, priority)
       WHERE coalesce(c.tasks, 0) <> coalesce(actual.tasks, 0)`,
    );
    expect(mismatch.n).toBe('0');
  }, 120_000);
});
