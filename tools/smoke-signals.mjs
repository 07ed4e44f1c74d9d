// Proves that the long-running npm scripts stop as a process manager expects:
// a SIGTERM or SIGINT to the process that was started (npm itself) drains and
// stops the whole tree within 10 s, losing no request in flight; and when a
// child of `npm start` dies, the launcher says which one and why, stops the
// rest (PostgreSQL included) and exits non-zero within 10 s. Run by `npm
// test` after the build, on free ports and throw-away data; ends with
// `signals: N passed, N failed`.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
// The built libs/api-token (`npx nx build api-token`): the one key derivation.
import { deriveApiTokenKey, mintApiToken } from '../dist/libs/api-token/index.mjs';
import { freePort, startEmbeddedPostgres } from '../libs/postgres/src/embedded-postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STOP_WITHIN_MS = 10_000;
const SECRET = 'signals-secret-signals-secret-signals-0001';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const results = [];

/** Every process below `pid`, from the kernel's table. */
function descendants(pid) {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found = [];
  for (let frontier = [pid]; frontier.length; ) {
    const children = rows.filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    found.push(...children);
    frontier = children;
  }
  return found;
}

/** Alive and not a zombie. */
function alive(pid) {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(check, ms, what) {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(200)) if (await check()) return;
  throw new Error(`${what} not within ${ms / 1000} s`);
}

const answers = async (url) => {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
};

/** Starts `npm run <script>` in the background, as a process manager would. */
function npmRun(script, env, unset = []) {
  const fullEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env };
  for (const name of unset) delete fullEnv[name];
  const child = spawn('npm', ['run', script, '--silent'], { cwd: root, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Sends `signal` to npm and measures until every process it started is gone. */
async function stopTree(child, signal) {
  const tree = [child.pid, ...descendants(child.pid)];
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, sig })));
  const started = Date.now();
  child.kill(signal);
  await waitFor(() => tree.every((pid) => !alive(pid)), STOP_WITHIN_MS + 5_000, `every process of the tree gone after ${signal}`);
  const ms = Date.now() - started;
  return { ms, processes: tree.length, exit: await exited };
}

/** Creates that are in flight when the signal lands: each must be answered 201. */
function createsInFlight(apiUrl, issuer) {
  const token = mintApiToken({ key: deriveApiTokenKey(SECRET), sub: 'signals', issuer, lifetimeSeconds: 120 });
  return Array.from({ length: 10 }, (_, i) =>
    fetch(`${apiUrl}/api/signals/tasks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: `in flight ${i}` }),
    }).then((res) => res.status, () => 0),
  );
}

/** `node tools/smoke-signals.mjs start:backend` runs only the checks whose name holds that text. */
const only = process.argv[2];

async function check(name, body) {
  if (only && !name.includes(only)) return;
  const started = Date.now();
  try {
    const detail = await body();
    results.push({ name, ok: true });
    process.stdout.write(`signals: ${name}: ok, ${detail} (${Date.now() - started} ms in all)\n`);
  } catch (error) {
    results.push({ name, ok: false });
    process.stdout.write(`signals: ${name}: FAILED: ${error.message}\n`);
  }
}

// The servers started through npm run start:backend/start:frontend need a
// database: a new one on DATABASE_URL's server, else on a throw-away
// embedded cluster.
let embedded;
async function database(name) {
  if (!process.env.DATABASE_URL && !embedded) embedded = await startEmbeddedPostgres({ dataDir: join(dataDir(), 'pg'), persistent: false });
  const admin = process.env.DATABASE_URL || embedded.url('postgres');
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskgate-signals-'));
  chmodSync(dir, 0o755);
  return dir;
};

for (const signal of ['SIGTERM', 'SIGINT']) {
  await check(`${signal} to npm run start:backend`, async () => {
    const port = await freePort();
    const databaseUrl = await database('taskgate_signals_backend');
    const run = npmRun('start:backend', { BETTER_AUTH_SECRET: SECRET, DATABASE_URL: databaseUrl, BACKEND_PORT: String(port), LOG_LEVEL: 'warn' });
    const api = `http://127.0.0.1:${port}`;
    await waitFor(() => answers(`${api}/api/health/ready`), 60_000, 'ready');
    const inFlight = createsInFlight(api, 'http://localhost:4200');
    await sleep(20);
    const stopped = await stopTree(run.child, signal);
    const statuses = await Promise.all(inFlight);
    if (stopped.ms > STOP_WITHIN_MS) throw new Error(`the tree took ${stopped.ms} ms to stop`);
    // A create the server had read finishes (201); one that reached it after
    // the signal is refused (503, or the connection closed): none is lost or
    // half-done, so exactly the 201s are stored.
    if (statuses.some((status) => ![201, 503, 0].includes(status))) throw new Error(`in-flight creates answered ${statuses.join(',')}`);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS stored FROM tasks WHERE user_id = 'signals'`);
    await db.end();
    const created = statuses.filter((s) => s === 201).length;
    if (rows[0].stored !== created) throw new Error(`${created} creates answered 201 but ${rows[0].stored} tasks are stored`);
    if (await answers(`${api}/api/health/live`)) throw new Error('still answering');
    return `${stopped.processes} processes gone ${stopped.ms} ms after the signal; in flight: ${created} answered 201 and stored, ${statuses.length - created} refused and not stored`;
  });
}

await check('SIGTERM to npm run start:frontend', async () => {
  const port = await freePort();
  const databaseUrl = await database('taskgate_signals_frontend');
  const run = npmRun('start:frontend', { BETTER_AUTH_SECRET: SECRET, DATABASE_URL: databaseUrl, FRONTEND_PORT: String(port), BETTER_AUTH_URL: `http://localhost:${port}`, LOG_LEVEL: 'warn' });
  await waitFor(() => answers(`http://127.0.0.1:${port}/app-config.json`), 60_000, 'serving');
  const stopped = await stopTree(run.child, 'SIGTERM');
  if (stopped.ms > STOP_WITHIN_MS) throw new Error(`the tree took ${stopped.ms} ms to stop`);
  return `${stopped.processes} processes gone ${stopped.ms} ms after the signal`;
});

/** `npm start` on an embedded PostgreSQL in a throw-away folder. */
async function startLauncher() {
  const [backendPort, frontendPort, postgresPort] = [await freePort(), await freePort(), await freePort()];
  const dir = dataDir();
  const env = { TASKGATE_DATA_DIR: dir, BACKEND_PORT: String(backendPort), FRONTEND_PORT: String(frontendPort), EMBEDDED_POSTGRES_PORT: String(postgresPort), LOG_LEVEL: 'warn' };
  const run = npmRun('start', env, ['DATABASE_URL', 'BETTER_AUTH_SECRET', 'BETTER_AUTH_URL', 'API_URL', 'NODE_ENV', 'REDIS_URL']);
  await waitFor(() => /is running/.test(run.output()), 300_000, 'npm start running');
  return { run, dir, postgresPid: () => Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]) };
}

await check('SIGTERM to npm start', async () => {
  const { run, dir } = await startLauncher();
  const stopped = await stopTree(run.child, 'SIGTERM');
  if (stopped.ms > STOP_WITHIN_MS) throw new Error(`the tree took ${stopped.ms} ms to stop`);
  if (existsSync(join(dir, 'postgres', 'postmaster.pid'))) throw new Error('PostgreSQL still running');
  rmSync(dir, { recursive: true, force: true });
  return `${stopped.processes} processes gone ${stopped.ms} ms after the signal, PostgreSQL included`;
});

await check('a child of npm start dies', async () => {
  const { run, dir, postgresPid } = await startLauncher();
  const postgres = postgresPid();
  const tree = [run.child.pid, ...descendants(run.child.pid)];
  const backend = tree.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/backend/main.js');
    } catch {
      return false;
    }
  });
  if (!backend) throw new Error('no backend process found');
  const exited = new Promise((resolve) => run.child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  process.kill(backend, 'SIGKILL');
  await waitFor(() => tree.every((pid) => !alive(pid)) && !alive(postgres), STOP_WITHIN_MS + 5_000, 'every process gone');
  const ms = Date.now() - started;
  const code = await exited;
  if (ms > STOP_WITHIN_MS) throw new Error(`the tree took ${ms} ms to stop`);
  if (code === 0) throw new Error('npm start exited 0');
  if (!/backend exited \(SIGKILL\)/.test(run.output())) throw new Error(`the launcher did not say which child died: ${run.output().slice(-300)}`);
  rmSync(dir, { recursive: true, force: true });
  return `launcher said "backend exited (SIGKILL)", exited ${code}, ${tree.length} processes and PostgreSQL gone ${ms} ms after the kill`;
});

await embedded?.stop();
const passed = results.filter((r) => r.ok).length;
process.stdout.write(`signals: ${passed} passed, ${results.length - passed} failed\n`);
process.exit(results.length === passed ? 0 : 1);
