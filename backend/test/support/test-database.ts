import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of this test file's own, created empty in the test server and dropped after. */
export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL against it (to check what is stored). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env['TASKGATE_TEST_ADMIN_URL'];
  if (!url) throw new Error('TASKGATE_TEST_ADMIN_URL is not set: run the e2e suites through their Jest config');
  return url;
}

/** Runs SQL on the server's admin database (for what cannot be done from inside a database). */
export async function adminQuery(sql: string, params?: unknown[]): Promise<unknown[]> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return (await admin.query(sql, params)).rows;
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `taskgate_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  // Outage tests cut this connection too; that must not crash the test run.
  client.on('error', () => undefined);
  await client.connect();
  return {
    url: url.toString(),
    name,
    query: async (sql, params) => (await client.query(sql, params)).rows,
    async drop() {
      await client.end();
      const dropper = new Client({ connectionString: adminUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
