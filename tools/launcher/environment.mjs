// What both launchers prepare before starting the servers: a development
// secret when none is set, and a database (the embedded PostgreSQL when
// DATABASE_URL is unset).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../libs/postgres/src/embedded-postgres.mjs';

/** A BETTER_AUTH_SECRET generated once into `dataDir` (development only). */
export function developmentSecret(dataDir, say) {
  const file = join(dataDir, 'dev-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    say(`generated a development BETTER_AUTH_SECRET in ${file} (never used in production)`);
  }
  return readFileSync(file, 'utf8').trim();
}

async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * The embedded PostgreSQL in `dataDir`/postgres on `port`, with a `taskgate`
 * database; resolves with the cluster (to stop it) and that database's URL.
 */
export async function startEmbeddedDatabase(dataDir, port, say) {
  say(`starting the embedded PostgreSQL on port ${port} (data in ${join(dataDir, 'postgres')})`);
  const cluster = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port });
  await ensureDatabase(cluster.url('postgres'), 'taskgate');
  return { cluster, url: cluster.url('taskgate') };
}

/** Immediate shutdown of the PostgreSQL in `databaseDir` (SIGQUIT to the postmaster), for a stop that must not wait. */
export function stopPostgresNow(databaseDir) {
  try {
    const pid = Number(readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // not running
  }
}
