import { DataSource } from 'typeorm';
import { MIGRATIONS } from './typeorm-options';

/** Any number: the advisory lock every replica takes before migrating. */
const MIGRATION_LOCK = 7_632_001;
const ATTEMPTS = 3;
const LOCK_POLL_MS = 200;

/**
 * Waits for the migration lock by asking for it again and again, never
 * inside one long statement: a replica waiting in pg_advisory_lock holds a
 * snapshot, and CREATE INDEX CONCURRENTLY in the replica that migrates waits
 * for every older snapshot to end, so each waited for the other and
 * PostgreSQL broke the deadlock by failing one of them (three replicas
 * started together, migrations.e2e-spec.ts).
 */
async function takeMigrationLock(dataSource: DataSource): Promise<void> {
  for (;;) {
    const [{ locked }] = await dataSource.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK]);
    if (locked) return;
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/**
 * Applies the pending migrations, before the application's own pool exists,
 * on one connection of their own: the request path's bounded waits
 * (bounded-waits.ts, 1.5 s a statement) would cut an index build on a large
 * table short. One replica at a time (an advisory lock): replicas started
 * together wait for the first, then find nothing left to do. Retried while
 * the database is starting.
 */
export async function migrateDatabase(url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
      logging: false,
      extra: { max: 1, connectionTimeoutMillis: 10_000, application_name: 'taskgate-backend-migrations' },
    });
    try {
      await dataSource.initialize();
      try {
        await takeMigrationLock(dataSource);
        await dataSource.runMigrations();
        await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      } finally {
        await dataSource.destroy();
      }
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
