#!/usr/bin/env node
// Soak test: the built backend under many concurrent users, then an audit of
// every user's tasks against the database. See stress/README.md.
//
//   npx nx build backend && node stress/soak.mjs [--users 100] [--duration 60]
//
// Env: SOAK_USERS, SOAK_DURATION_S, SOAK_ADMIN_URL (a PostgreSQL server where a
// fresh database is created; default DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432/postgres), SOAK_KEEP_DB=1 keeps it.
// Exits 1 on any lost, duplicated, foreign or stale task, or any error answer.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
// The built libs/api-token (`npx nx build api-token`): the one key derivation.
import { deriveApiTokenKey, mintApiToken } from '../dist/libs/api-token/index.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Client } = require('pg');

const { values: args } = parseArgs({
  options: { users: { type: 'string' }, duration: { type: 'string' } },
});
const USERS = Number(args.users ?? process.env.SOAK_USERS ?? 100);
const DURATION_S = Number(args.duration ?? process.env.SOAK_DURATION_S ?? 60);
const ADMIN_URL = process.env.SOAK_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENTRY = join(root, 'dist', 'backend', 'main.js');
const SECRET = `soak-${randomBytes(24).toString('base64url')}`;
const ISSUER = 'http://localhost:4200';

if (!existsSync(ENTRY)) {
  console.error(`${ENTRY} is missing: run \`npx nx build backend\` first`);
  process.exit(2);
}

// ------------------------------------------------------------ tokens (API.md)
const key = deriveApiTokenKey(SECRET);
const tokenFor = (sub) => mintApiToken({ key, sub, issuer: ISSUER, lifetimeSeconds: 900 });

// ------------------------------------------------------------ database and backend
const dbName = `taskgate_soak_${randomBytes(5).toString('hex')}`;
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${dbName}`;

async function admin(sql) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await admin(`CREATE DATABASE ${dbName}`);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let serverLog = '';
const backend = spawn(process.execPath, [ENTRY], {
  cwd: root,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    BACKEND_HOST: '127.0.0.1',
    BACKEND_PORT: String(port),
    DATABASE_URL: dbUrl.toString(),
    BETTER_AUTH_SECRET: SECRET,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: ISSUER,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
backend.stdout.on('data', (chunk) => (serverLog += chunk));
backend.stderr.on('data', (chunk) => (serverLog += chunk));
const backendExit = new Promise((resolve) => backend.on('exit', (code, signal) => resolve({ code, signal })));

async function cleanUp() {
  if (backend.exitCode === null && backend.signalCode === null) {
    backend.kill('SIGTERM');
    await Promise.race([backendExit, sleep(10_000).then(() => backend.kill('SIGKILL'))]);
  }
  if (!process.env.SOAK_KEEP_DB) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
}

for (let waited = 0; ; waited += 100) {
  if (backend.exitCode !== null) {
    console.error(`the backend exited during start-up:\n${serverLog}`);
    await cleanUp();
    process.exit(2);
  }
  try {
    if ((await fetch(`${base}/api/health/ready`)).ok) break;
  } catch {
    // not listening yet
  }
  if (waited > 30_000) {
    console.error(`the backend was not ready within 30 s:\n${serverLog}`);
    await cleanUp();
    process.exit(2);
  }
  await sleep(100);
}

// ------------------------------------------------------------ load
const latencies = [];
const errors = new Map(); // kind -> count
const violations = [];
let requests = 0;
const countError = (kind) => errors.set(kind, (errors.get(kind) ?? 0) + 1);

/** One request; resolves { status, body, etag } or { status: 0 } on a network error. */
async function call(user, method, path, { body, headers = {} } = {}) {
  const started = performance.now();
  requests += 1;
  try {
    const response = await fetch(`${base}/api/${encodeURIComponent(user.id)}/tasks${path}`, {
      method,
      headers: { Authorization: `Bearer ${user.token()}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    latencies.push(performance.now() - started);
    return {
      status: response.status,
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
      etag: response.headers.get('etag'),
      total: response.headers.get('x-total-count'),
    };
  } catch (error) {
    latencies.push(performance.now() - started);
    return { status: 0, error };
  }
}

class User {
  constructor(index) {
    this.id = `soak-${index}-${randomBytes(4).toString('hex')}`;
    this.book = new Map(); // id -> { title, completed, etag }
    this.signedAt = 0;
  }

  token() {
    if (Date.now() - this.signedAt > 10 * 60_000) {
      this.cached = tokenFor(this.id);
      this.signedAt = Date.now();
    }
    return this.cached;
  }

  /** Checks an answer; on anything else than `expected`, counts it and re-reads the task. */
  async expect(response, expected, op, taskId) {
    if (response.status === expected) return true;
    countError(`${op} ${response.status || 'network'}`);
    if (taskId) await this.resync(taskId);
    return false;
  }

  /** After an uncertain outcome, the task as stored becomes the bookkeeping. */
  async resync(taskId) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await call(this, 'GET', `/${taskId}`);
      if (response.status === 200) {
        this.book.set(taskId, { title: response.body.title, completed: response.body.completed, etag: response.etag });
        return;
      }
      if (response.status === 404) {
        this.book.delete(taskId);
        return;
      }
      await sleep(200);
    }
  }

  pick() {
    const ids = [...this.book.keys()];
    return ids[Math.floor(Math.random() * ids.length)];
  }

  async create() {
    const title = `task ${randomUUID()}`;
    const idempotencyKey = randomUUID();
    // Retried with the same key after a network error or a 503: never a duplicate.
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await call(this, 'POST', '', { body: { title }, headers: { 'Idempotency-Key': idempotencyKey } });
      if (response.status === 201) {
        if (response.body.userId !== this.id) violations.push(`create answered a task of ${response.body.userId} to ${this.id}`);
        this.book.set(response.body.id, { title, completed: false, etag: response.etag });
        return;
      }
      countError(`create ${response.status || 'network'}`);
      if (response.status !== 0 && response.status !== 503 && response.status !== 409) return;
      await sleep(100 * (attempt + 1));
    }
  }

  async list() {
    const response = await call(this, 'GET', '?limit=100&sort=created&order=asc');
    if (!(await this.expect(response, 200, 'list'))) return;
    const foreign = response.body.filter((task) => task.userId !== this.id);
    if (foreign.length > 0) violations.push(`${this.id} listed ${foreign.length} tasks of other users`);
    if (this.book.size <= 100) {
      const listed = response.body.map((task) => task.id).sort().join();
      const booked = [...this.book.keys()].sort().join();
      if (listed !== booked || Number(response.total) !== this.book.size) {
        violations.push(`${this.id} listed ${response.body.length} (total ${response.total}), bookkeeping has ${this.book.size}`);
      }
    }
  }

  async update(id) {
    const title = `renamed ${randomUUID()}`;
    const response = await call(this, 'PUT', `/${id}`, { body: { title }, headers: { 'If-Match': this.book.get(id).etag } });
    if (!(await this.expect(response, 200, 'update', id))) return;
    this.book.set(id, { ...this.book.get(id), title, etag: response.etag });
  }

  async toggle(id) {
    const before = this.book.get(id);
    const response = await call(this, 'PATCH', `/${id}/complete`, { headers: { 'If-Match': before.etag } });
    if (!(await this.expect(response, 200, 'toggle', id))) return;
    if (response.body.completed === before.completed) violations.push(`${this.id}: toggle of ${id} did not flip completed`);
    this.book.set(id, { ...before, completed: response.body.completed, etag: response.etag });
  }

  async remove(id) {
    const response = await call(this, 'DELETE', `/${id}`, { headers: { 'If-Match': this.book.get(id).etag } });
    if (!(await this.expect(response, 204, 'delete', id))) return;
    this.book.delete(id);
  }

  async run(deadline) {
    while (Date.now() < deadline) {
      const roll = Math.random() * 100;
      const id = this.pick();
      if (!id || roll < 30) await this.create();
      else if (roll < 50) await this.list();
      else if (roll < 70) await this.update(id);
      else if (roll < 85) await this.toggle(id);
      else await this.remove(id);
    }
  }
}

process.stdout.write(`soak: ${USERS} users for ${DURATION_S} s against ${ENTRY} on port ${port}, database ${dbName}\n`);
const users = Array.from({ length: USERS }, (_, index) => new User(index));
const startedAt = performance.now();
const deadline = Date.now() + DURATION_S * 1000;
await Promise.all(users.map((user) => user.run(deadline)));
const elapsedS = (performance.now() - startedAt) / 1000;

// ------------------------------------------------------------ audit against the database
const client = new Client({ connectionString: dbUrl.toString() });
await client.connect();
const { rows } = await client.query('SELECT id, user_id, title, completed FROM tasks');
await client.end();
const owners = new Map(users.flatMap((user) => [...user.book.keys()].map((id) => [id, user])));
const known = new Set(users.map((user) => user.id));
let lost = 0;
let duplicated = 0;
let foreign = 0;
let stale = 0;
const stored = new Map(rows.map((row) => [row.id, row]));
for (const user of users) {
  for (const [id, expected] of user.book) {
    const row = stored.get(id);
    if (!row) lost += 1;
    else if (row.user_id !== user.id) foreign += 1;
    else if (row.title !== expected.title || row.completed !== expected.completed) stale += 1;
  }
}
for (const row of rows) {
  if (!known.has(row.user_id)) foreign += 1;
  else if (!owners.has(row.id)) duplicated += 1; // stored, but no user created it (or it was deleted)
}
// And through the API: each user's full list is exactly their bookkeeping.
let listMismatches = 0;
for (const user of users) {
  const seen = [];
  for (let offset = 0; ; offset += 100) {
    const page = await call(user, 'GET', `?limit=100&offset=${offset}&sort=created&order=asc`);
    if (page.status !== 200) {
      listMismatches += 1;
      break;
    }
    seen.push(...page.body);
    if (page.body.length < 100) break;
  }
  if (seen.some((task) => task.userId !== user.id)) foreign += 1;
  if (seen.map((task) => task.id).sort().join() !== [...user.book.keys()].sort().join()) listMismatches += 1;
}

const sorted = [...latencies].sort((a, b) => a - b);
const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : 0);
const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
const serverErrors = serverLog.split('\n').filter((line) => /"level":(50|60)/.test(line)).length;
process.stdout.write(
  [
    `requests: ${requests} in ${elapsedS.toFixed(1)} s (${(requests / elapsedS).toFixed(0)}/s)`,
    `errors: ${errorCount}${errorCount ? ` (${[...errors].map(([kind, n]) => `${kind}: ${n}`).join(', ')})` : ''}`,
    `latency ms: p50 ${at(0.5).toFixed(1)}, p95 ${at(0.95).toFixed(1)}, p99 ${at(0.99).toFixed(1)}, max ${at(1).toFixed(1)}`,
    `tasks: ${rows.length} stored, ${owners.size} in bookkeeping`,
    `lost: ${lost}, duplicated: ${duplicated}, foreign: ${foreign}, stale: ${stale}, list mismatches: ${listMismatches}, online violations: ${violations.length}`,
    `server error log lines: ${serverErrors}`,
    '',
  ].join('\n'),
);
for (const violation of violations.slice(0, 20)) process.stdout.write(`  ${violation}\n`);
await cleanUp();
const failed = lost + duplicated + foreign + stale + listMismatches + violations.length + errorCount + serverErrors > 0;
process.stdout.write(failed ? 'soak: FAILED\n' : 'soak: OK\n');
process.exit(failed ? 1 : 0);
