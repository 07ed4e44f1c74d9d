// Proves `npm start`'s default: with no DATABASE_URL and no secret, the
// launcher boots an embedded PostgreSQL, the backend migrates and answers
// /api/health/ready, a task round-trips, and Ctrl-C stops everything,
// PostgreSQL included. Uses its own ports and a throw-away data folder.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The built libs/api-token (`npx nx build api-token`): the one key derivation.
import { deriveApiTokenKey, mintApiToken } from '../dist/libs/api-token/index.mjs';
import { freePort } from '../libs/postgres/src/embedded-postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'taskgate-smoke-'));
chmodSync(dataDir, 0o755);
const [backendPort, frontendPort, postgresPort] = [await freePort(), await freePort(), await freePort()];
const env = { ...process.env, TASKGATE_DATA_DIR: dataDir, BACKEND_PORT: String(backendPort), FRONTEND_PORT: String(frontendPort), EMBEDDED_POSTGRES_PORT: String(postgresPort), LOG_LEVEL: 'warn' };
for (const name of ['DATABASE_URL', 'BETTER_AUTH_SECRET', 'BETTER_AUTH_URL', 'API_URL', 'NODE_ENV', 'CORS_ORIGINS', 'JWT_ISSUER', 'JWT_AUDIENCE']) delete env[name];

const fail = (message) => {
  process.stderr.write(`smoke test FAILED: ${message}\n`);
  launcher.kill('SIGKILL');
  process.exit(1);
};
const started = Date.now();
const launcher = spawn(process.execPath, [join(root, 'tools/start.mjs')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
launcher.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const deadline = setTimeout(() => fail('not running within 90 s'), 90_000);
while (!/is running/.test(output)) {
  if (launcher.exitCode !== null) fail(`the launcher exited with ${launcher.exitCode}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
clearTimeout(deadline);
const api = `http://localhost:${backendPort}/api`;
const ready = await fetch(`${api}/health/ready`);
if (ready.status !== 200) fail(`ready answered ${ready.status}`);

// A token minted with the generated secret, derived as API.md says.
const secret = readFileSync(join(dataDir, 'dev-secret'), 'utf8').trim();
const token = mintApiToken({ key: deriveApiTokenKey(secret), sub: 'smoke', issuer: `http://localhost:${frontendPort}`, lifetimeSeconds: 60 });
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const created = await fetch(`${api}/smoke/tasks`, { method: 'POST', headers, body: JSON.stringify({ title: 'smoke' }) });
if (created.status !== 201) fail(`create answered ${created.status}`);
const listed = await (await fetch(`${api}/smoke/tasks`, { headers })).json();
if (listed.length !== 1 || listed[0].title !== 'smoke') fail(`list answered ${JSON.stringify(listed)}`);
process.stdout.write(`smoke: ready and round-tripping in ${Date.now() - started} ms\n`);

launcher.kill('SIGINT');
const code = await new Promise((resolve) => launcher.on('exit', resolve));
if (code !== 0) fail(`the launcher exited with ${code} after Ctrl-C`);
if (existsSync(join(dataDir, 'postgres', 'postmaster.pid'))) fail('PostgreSQL is still running after Ctrl-C');
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write('smoke: stopped cleanly\n');
