// Starts the product for the browser tests on a throw-away database and
// removes it afterwards. Playwright runs this as its webServer command.
//
// - Database: a fresh `e2e_<random>` database on the server named by
//   E2E_PG_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
//   With E2E_EMBEDDED=1, or when no server answers, no DATABASE_URL is passed
//   and tools/start.mjs brings up its embedded cluster instead.
// - Processes: `node tools/start.mjs` when it exists, else the two built
//   servers directly (dist/backend/main.js, dist/frontend/server/main.js).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const adminUrl = process.env.E2E_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `e2e_${randomBytes(5).toString('hex')}`;

async function createDatabase() {
  if (process.env.E2E_EMBEDDED === '1') return null;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  } catch (error) {
    process.stderr.write(`e2e: no PostgreSQL at E2E_PG_URL/DATABASE_URL (${error.message}); using the embedded one\n`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabase() {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

const databaseUrl = await createDatabase();
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? `e2e-${randomBytes(24).toString('hex')}`,
  BETTER_AUTH_URL: 'http://localhost:4200',
  API_URL: 'http://localhost:3000',
  CORS_ORIGINS: 'http://localhost:4200',
  JWT_EXPIRES_IN: process.env.JWT_EXPIRES_IN ?? '20s',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
if (databaseUrl) env.DATABASE_URL = databaseUrl;
else delete env.DATABASE_URL;

const startScript = join(root, 'tools', 'start.mjs');
const commands = existsSync(startScript)
  ? [[startScript, {}]]
  : [
      [join(root, 'dist/backend/main.js'), { PORT: '3000' }],
      [join(root, 'dist/frontend/server/main.js'), { FRONTEND_PORT: '4200' }],
    ];

const children = commands.map(([script, extra]) =>
  spawn(process.execPath, [script], { cwd: root, env: { ...env, ...extra }, stdio: 'inherit' }),
);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    ),
  );
  if (databaseUrl) await dropDatabase().catch((e) => process.stderr.write(`e2e: drop failed: ${e.message}\n`));
  process.exit(code);
}
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
