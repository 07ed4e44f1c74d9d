// Gives the e2e suites a PostgreSQL server: the one DATABASE_URL names (CI
// uses the machine's), or else a throw-away embedded cluster on a free port.
// Each test file then creates a database of its own in it (support/test-database.ts).
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/postgres/src/embedded-postgres.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TASKGATE_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  // Under /tmp, not the project: as root the `postgres` user must be able to reach it.
  const base = mkdtempSync(join(tmpdir(), 'taskgate-e2e-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'pg');
  const cluster = await startEmbeddedPostgres({ dataDir, persistent: false });
  process.env.TASKGATE_TEST_ADMIN_URL = cluster.url('postgres');
  globalThis.__TASKGATE_CLUSTER__ = cluster;
}
