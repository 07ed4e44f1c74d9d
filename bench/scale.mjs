// `npm run bench:scale`: how the list answers as the data grows (issue 20).
// Seeds 500,000 tasks: one user with 100,000, one with 10,000, one with 50,
// and the rest spread over 1,000 others; then times every list variant for
// the three users through the built backend, one request at a time (p50 of
// 15 after 3 warm-ups), and prints the table with the ratio of each variant
// at 100,000 tasks to the same at 50, against the issue's targets:
// within 3x (q with a word in every task: 10x; the last page by offset is
// shown, not judged). Results go to bench/results/scale.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
// The built libs/api-token (`npx nx build api-token`): the one key derivation.
import { deriveApiTokenKey, mintApiToken } from '../dist/libs/api-token/index.mjs';
import { freePort, startEmbeddedPostgres } from '../libs/postgres/src/embedded-postgres.mjs';
import { BACKEND_NODE_FLAGS } from '../tools/node-flags.mjs';
import { renderScaleChart } from './chart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = `scale-${randomBytes(24).toString('hex')}`;
const ISSUER = 'http://localhost:4200';
const USERS = { 50: 'scale-user-50', 10000: 'scale-user-10k', 100000: 'scale-user-100k' };
const TOTAL_TASKS = 500_000;
const FILLER_USERS = 1_000;
const RUNS = 15;
const WARMUPS = 3;
const log = (message) => process.stdout.write(`${message}\n`);

// --- database ---------------------------------------------------------------
const scratch = mkdtempSync(join(tmpdir(), 'taskgate-scale-'));
let cluster;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  chmodSync(scratch, 0o755);
  cluster = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg'), persistent: false });
  adminUrl = cluster.url('postgres');
}
const dbName = `taskgate_scale_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();

// --- the backend (its migrations create the schema) -------------------------
const port = await freePort();
const backend = spawn(process.execPath, [...BACKEND_NODE_FLAGS, join(root, 'dist/backend/main.js')], {
  env: { ...process.env, DATABASE_URL: dbUrl, BETTER_AUTH_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: ISSUER, JWT_EXPIRES_IN: '1h', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'production', BACKEND_PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (backend.exitCode !== null || i > 600) throw new Error('the backend did not start');
  try {
    if ((await fetch(`${base}/api/health/ready`)).ok) break;
  } catch {
    // not yet listening
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// --- seed: every title has "task"; one in 1,000 also has "zephyr" ------------
// Labels: a quarter of the tasks carry "work", one in 1,000 "zephyr", a
// third "home" beside them (so tasks have zero, one or two labels).
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
const seeded = performance.now();
async function seed(userId, count) {
  await db.query(
    `INSERT INTO tasks (user_id, title, description, completed, priority, due_date, completed_at, created_at, updated_at, labels)
     SELECT $1,
            'task ' || n || CASE WHEN n % 1000 = 7 THEN ' zephyr' ELSE '' END,
            CASE WHEN n % 3 = 0 THEN 'notes for task ' || n ELSE NULL END,
            n % 10 < 3,
            (ARRAY['low','medium','high'])[1 + n % 3]::task_priority,
            CASE WHEN n % 5 = 0 THEN NULL ELSE DATE '2026-01-01' + (n % 730) END,
            CASE WHEN n % 10 < 3 THEN timestamptz '2026-01-01' + n * interval '1 minute' END,
            timestamptz '2025-01-01' + n * interval '1 minute',
            timestamptz '2025-01-01' + n * interval '1 minute',
            array_remove(ARRAY[CASE WHEN n % 3 = 0 THEN 'home' END,
                               CASE WHEN n % 4 = 0 THEN 'work' WHEN n % 1000 = 7 THEN 'zephyr' END], NULL)
     FROM generate_series(1, $2) AS n`,
    [userId, count],
  );
}
for (const [count, userId] of Object.entries(USERS)) await seed(userId, Number(count));
const fillerTasks = TOTAL_TASKS - Object.keys(USERS).reduce((sum, count) => sum + Number(count), 0);
for (let i = 0; i < FILLER_USERS; i++) await seed(`scale-filler-${i}`, Math.floor(fillerTasks / FILLER_USERS));
await db.query('VACUUM ANALYZE tasks');
const { rows: [{ count }] } = await db.query('SELECT count(*)::int AS count FROM tasks');
log(`seeded ${count.toLocaleString('en')} tasks in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

// --- timing -----------------------------------------------------------------
const key = deriveApiTokenKey(SECRET);
async function p50(userId, query) {
  const headers = { Authorization: `Bearer ${mintApiToken({ key, sub: userId, issuer: ISSUER, lifetimeSeconds: 3600 })}` };
  const times = [];
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    const started = performance.now();
    // A list query, or a path of its own (`/tasks/summary?…`).
    const url = query.startsWith('/') ? `${base}/api/${userId}${query}` : `${base}/api/${userId}/tasks?${query}`;
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${query}: ${res.status}`);
    if (i >= WARMUPS) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** The query of the last page by cursor: the Link of the page before it (found once by offset). */
async function lastPageByCursor(userId, total) {
  const headers = { Authorization: `Bearer ${mintApiToken({ key, sub: userId, issuer: ISSUER, lifetimeSeconds: 3600 })}` };
  const res = await fetch(`${base}/api/${userId}/tasks?limit=50&offset=${Math.max(0, total - 100)}`, { headers });
  const link = res.headers.get('link');
  return link ? new URL(/^<([^>]+)>/.exec(link)[1], base).searchParams.toString() : 'limit=50';
}

const VARIANTS = [
  ['default (created, desc)', () => 'limit=50'],
  ['status=pending', () => 'status=pending&limit=50'],
  ['status=completed', () => 'status=completed&limit=50'],
  ['priority=high', () => 'priority=high&limit=50'],
  ['sort=title', () => 'sort=title&order=asc&limit=50'],
  ['sort=dueDate', () => 'sort=dueDate&order=asc&limit=50'],
  ['sort=priority', () => 'sort=priority&limit=50'],
  // Shown, not judged: the priority index serves the default order (high first) only.
  ['sort=priority, low first', () => 'sort=priority&order=asc&limit=50', null],
  ['sort=updated', () => 'sort=updated&limit=50'],
  ['q, a rare word', () => 'q=zephyr&limit=50'],
  ['q, a word in every task', () => 'q=task&limit=50', 10],
  ['last page by offset', (total) => `limit=50&offset=${Math.max(0, total - 50)}`, null],
  ['last page by cursor', (total, userId) => lastPageByCursor(userId, total)],
  ['labels, a rare one', () => 'labels=zephyr&limit=50'],
  // Shown, not judged: a quarter of the user's tasks match, and all are counted.
  ['labels, a common one', () => 'labels=work&limit=50', null],
  ['labels=home,work', () => 'labels=home,work&limit=50', null],
  ['the label list', () => '/labels'],
  // Shown, not judged: counts over all of a user's tasks by due date and completion day.
  ['summary', () => '/tasks/summary?today=2026-06-01', null],
];

const results = [];
for (const [name, query, limit = 3] of VARIANTS) {
  const row = { variant: name, ms: {}, limit };
  for (const [total, userId] of Object.entries(USERS)) row.ms[total] = await p50(userId, await query(Number(total), userId));
  row.ratio = row.ms[100000] / row.ms[50];
  row.verdict = limit === null ? 'shown' : row.ratio <= limit ? 'pass' : 'miss';
  results.push(row);
}

// --- export: memory flat with the number of tasks ----------------------------
// The export streams (API.md v1.1): the backend's peak resident memory
// (VmHWM) after exporting 100,000 tasks may exceed its peak after 10,000 by
// less than a tenth of the 100,000-task file, else the file was held.
const peakRssMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${backend.pid}/status`, 'utf8'))[1]) / 1024;
async function exportOnce(userId, format) {
  const headers = { Authorization: `Bearer ${mintApiToken({ key, sub: userId, issuer: ISSUER, lifetimeSeconds: 3600 })}` };
  const started = performance.now();
  const res = await fetch(`${base}/api/${userId}/tasks/export?format=${format}`, { headers });
  if (res.status !== 200) throw new Error(`export ${format}: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  return { ms: performance.now() - started, mb: bytes / 1024 / 1024 };
}
const exports = {};
for (const format of ['json', 'csv']) {
  for (const userId of Object.values(USERS)) await exportOnce(userId, format); // warm-up
}
for (const format of ['json', 'csv']) await exportOnce(USERS[10000], format);
const peakAfter10k = peakRssMb();
for (const format of ['json', 'csv']) exports[format] = await exportOnce(USERS[100000], format);
const exportGrowth = peakRssMb() - peakAfter10k;
const exportLimit = Math.max(exports.json.mb, exports.csv.mb) / 10;
const exportVerdict = exportGrowth < exportLimit ? 'pass' : 'miss';

const pad = (text, width) => String(text).padEnd(width);
log(`\n${pad('list variant', 26)}${pad('50 tasks', 11)}${pad('10,000', 11)}${pad('100,000', 11)}${pad('ratio', 9)}target`);
for (const r of results) {
  log(`${pad(r.variant, 26)}${pad(`${r.ms[50].toFixed(1)} ms`, 11)}${pad(`${r.ms[10000].toFixed(1)} ms`, 11)}${pad(`${r.ms[100000].toFixed(1)} ms`, 11)}${pad(`${r.ratio.toFixed(1)}x`, 9)}${r.limit === null ? '-' : `<= ${r.limit}x: ${r.verdict}`}`);
}
log(`\nexport of 100,000 tasks: JSON ${exports.json.mb.toFixed(1)} MB in ${(exports.json.ms / 1000).toFixed(2)} s, CSV ${exports.csv.mb.toFixed(1)} MB in ${(exports.csv.ms / 1000).toFixed(2)} s`);
log(`backend peak memory: ${peakAfter10k.toFixed(0)} MB after exporting 10,000, +${exportGrowth.toFixed(1)} MB after 100,000 (target < ${exportLimit.toFixed(1)} MB: ${exportVerdict})`);
const misses = results.filter((r) => r.verdict === 'miss').length + (exportVerdict === 'miss' ? 1 : 0);
log(`\nbench:scale: ${results.length + 1 - misses - results.filter((r) => r.verdict === 'shown').length} targets passed, ${misses} missed`);

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/scale.json'), JSON.stringify({ date: new Date().toISOString(), tasks: count, results, export: { ...exports, peakAfter10kMb: peakAfter10k, growthMb: exportGrowth, verdict: exportVerdict } }, null, 2));
writeFileSync(join(root, 'bench/results/scale.svg'), renderScaleChart(results));
log('wrote bench/results/scale.json and bench/results/scale.svg');

await db.end();
backend.kill('SIGTERM');
await new Promise((resolve) => backend.once('exit', resolve));
// SCALE_KEEP_DATABASE=1 keeps the seeded database (with DATABASE_URL set) to study its plans.
if (process.env.SCALE_KEEP_DATABASE === '1' && !cluster) log(`kept the database: ${dbUrl}`);
else await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
await admin.end();
await cluster?.stop();
process.exit(0);
