import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

/** A database of one test file's own, created empty and dropped after. */
export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL in it (to see what is stored, or to arrange what cannot be arranged through the API). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs SQL on the server's `postgres` database (for what cannot be done from inside this one). */
  adminQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Drops the database (and stops the cluster when it was this file's own). */
  drop(): Promise<void>;
}

/** A throw-away embedded cluster in a child process; resolves with its admin URL. */
function startEmbeddedCluster(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, 'embedded-cluster.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin?.end();
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ url: JSON.parse(out.split('\n')[0]).url, stop });
    });
  });
}

async function run<T>(url: string, sql: string, params?: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the server the suite runs against:
 * `TASKGATE_TEST_ADMIN_URL` (the backend e2e set-up's shared server), else
 * `DATABASE_URL` (CI: the machine's PostgreSQL), else a private embedded
 * cluster for this test file alone.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const shared = process.env['TASKGATE_TEST_ADMIN_URL'] || process.env['DATABASE_URL'];
  const cluster = shared ? undefined : await startEmbeddedCluster();
  const adminUrl = shared ?? (cluster as { url: string }).url;

  const name = `taskgate_test_${randomBytes(6).toString('hex')}`;
  await run(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  let client: Client | undefined;
  const connected = async () => {
    if (!client) {
      client = new Client({ connectionString: url.toString() });
      // Outage tests cut this connection too; that must not crash the run.
      client.on('error', () => undefined);
      await client.connect();
    }
    return client;
  };

  return {
    url: url.toString(),
    name,
    query: async (sql, params) => (await (await connected()).query(sql, params)).rows,
    adminQuery: (sql, params) => run(adminUrl, sql, params),
    async drop() {
      await client?.end().catch(() => undefined);
      if (cluster) return cluster.stop();
      await run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
