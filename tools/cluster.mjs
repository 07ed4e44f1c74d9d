// `npm run cluster`: the product as it runs in production, on one machine:
// PostgreSQL (embedded when DATABASE_URL is unset), Redis (Debian's
// redis-server when REDIS_URL is unset), 3 backend and 2 frontend server
// replicas, and HAProxy in front with health checks: one URL for the
// browser. A replica that dies is restarted (and rejoins once its health
// check passes); PostgreSQL, Redis or HAProxy dying stops everything.
// SIGTERM or Ctrl-C stops it all within 10 s.
// Settings: CLUSTER_PORT (8080), CLUSTER_BACKENDS (3), CLUSTER_FRONTENDS (2);
// the state (replica ports and pids, HAProxy's status page) is written to
// .data/cluster/state.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../libs/postgres/src/embedded-postgres.mjs';
import { developmentSecret, startEmbeddedDatabase, stopPostgresNow } from './launcher/environment.mjs';
import { haproxyConfig } from './launcher/haproxy-config.mjs';
import { armStopDeadline, howItEnded, onStopSignals, startProcess, stopProcess, waitForHealth } from './launcher/processes.mjs';
import { BACKEND_NODE_FLAGS } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.TASKGATE_DATA_DIR ?? join(root, '.data');
const clusterDir = join(dataDir, 'cluster');
const say = (message) => process.stdout.write(`[cluster] ${message}\n`);

if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
const env = { ...process.env };
const port = Number(env.CLUSTER_PORT ?? 8080);
const url = `http://localhost:${port}`;
const counts = { backend: Number(env.CLUSTER_BACKENDS ?? 3), frontend: Number(env.CLUSTER_FRONTENDS ?? 2) };

/** Every process of the cluster: `kind` decides what its death means. */
const members = [];
let database;
let stopping = false;
let statsPort;

function writeState() {
  const replicas = (kind) => members.filter((m) => m.kind === kind).map(({ port: p, child }) => ({ port: p, pid: child.pid }));
  writeFileSync(
    join(clusterDir, 'state.json'),
    JSON.stringify({ url, stats: statsPort && `http://127.0.0.1:${statsPort}/stats`, backends: replicas('backend'), frontends: replicas('frontend'), redisUrl: env.REDIS_URL }, null, 2),
  );
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  armStopDeadline({ say, code, children: () => members.map((m) => m.child), alsoNow: () => database && stopPostgresNow(join(dataDir, 'postgres')) });
  // The balancer first (no new requests), then the replicas (they drain), then the stores.
  const stopKind = (kinds) => Promise.all(members.filter((m) => kinds.includes(m.kind)).map((m) => stopProcess(m.child, 7_000)));
  await stopKind(['haproxy']);
  await stopKind(['backend', 'frontend']);
  await stopKind(['redis']);
  await database?.cluster.stop().catch(() => undefined);
  say('stopped');
  process.exit(code);
}

/** Starts one member; a replica that dies is started again, anything else stops the cluster. */
function launch(member) {
  member.child = startProcess(member.command[0], member.command.slice(1), member.env);
  member.startedAt = Date.now();
  member.child.on('exit', () => {
    if (stopping) return;
    const how = howItEnded(member.child);
    if (member.kind !== 'backend' && member.kind !== 'frontend') {
      say(`${member.name} exited (${how}); stopping the rest`);
      return stop(1);
    }
    // Three quick deaths in a row is a replica that cannot start: stop.
    member.quickDeaths = Date.now() - member.startedAt < 5_000 ? (member.quickDeaths ?? 0) + 1 : 0;
    if (member.quickDeaths >= 3) {
      say(`${member.name} exited (${how}) three times in a row within 5 s of starting; stopping the rest`);
      return stop(1);
    }
    say(`${member.name} exited (${how}); restarting it`);
    setTimeout(() => {
      if (stopping) return;
      launch(member);
      writeState();
    }, 500);
  });
  return member;
}

function requireCommand(command, install) {
  if (spawnSync('which', [command]).status !== 0) throw new Error(`${command} is not installed: ${install}`);
}

onStopSignals(stop);

try {
  mkdirSync(clusterDir, { recursive: true });
  requireCommand('haproxy', 'apt-get install haproxy');
  for (const entry of ['dist/backend/main.js', 'dist/frontend/server/main.js']) {
    if (!existsSync(join(root, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
  if (!env.BETTER_AUTH_SECRET) {
    if (env.NODE_ENV === 'production') throw new Error('BETTER_AUTH_SECRET is required in production (NODE_ENV=production)');
    env.BETTER_AUTH_SECRET = developmentSecret(dataDir, say);
  }
  if (!env.DATABASE_URL) {
    database = await startEmbeddedDatabase(dataDir, Number(env.EMBEDDED_POSTGRES_PORT ?? 54329), say);
    env.DATABASE_URL = database.url;
  }
  if (!env.REDIS_URL) {
    requireCommand('redis-server', 'apt-get install redis-server');
    const redisPort = await freePort();
    say(`starting Redis on port ${redisPort} (in memory only)`);
    members.push(launch({ kind: 'redis', name: 'Redis', command: ['redis-server', '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], env }));
    env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  }

  const shared = { ...env, BETTER_AUTH_URL: url, API_URL: url };
  for (let i = 1; i <= counts.backend; i++) {
    const p = await freePort();
    const entry = join(root, 'dist/backend/main.js');
    members.push(launch({ kind: 'backend', name: `backend ${i}`, port: p, command: [process.execPath, ...BACKEND_NODE_FLAGS, entry], env: { ...shared, BACKEND_PORT: String(p), BACKEND_HOST: '127.0.0.1' } }));
  }
  for (let i = 1; i <= counts.frontend; i++) {
    const p = await freePort();
    // HAProxy is the proxy in front: its X-Forwarded-For names the client.
    const replicaEnv = { ...shared, FRONTEND_PORT: String(p), TRUSTED_PROXIES: '127.0.0.1' };
    members.push(launch({ kind: 'frontend', name: `frontend server ${i}`, port: p, command: [process.execPath, join(root, 'dist/frontend/server/main.js')], env: replicaEnv }));
  }
  writeState();

  for (const member of members.filter((m) => m.kind === 'backend' || m.kind === 'frontend')) {
    const health = member.kind === 'backend' ? '/api/health/ready' : '/health/ready';
    if (!(await waitForHealth(`http://127.0.0.1:${member.port}${health}`, member.child, 60))) throw new Error(`${member.name} did not become ready`);
  }

  const config = join(clusterDir, 'haproxy.cfg');
  statsPort = await freePort();
  writeFileSync(config, haproxyConfig({ port, statsPort, backends: members.filter((m) => m.kind === 'backend').map((m) => m.port), frontends: members.filter((m) => m.kind === 'frontend').map((m) => m.port) }));
  const check = spawnSync('haproxy', ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration: ${check.stderr || check.stdout}`);
  const balancer = launch({ kind: 'haproxy', name: 'HAProxy', command: ['haproxy', '-db', '-f', config], env });
  members.push(balancer);
  if (!(await waitForHealth(`${url}/api/health/ready`, balancer.child, 30))) throw new Error('HAProxy did not start answering');
  writeState();
  say(`Taskgate is running: open ${url} (${counts.backend} backends and ${counts.frontend} frontend servers behind HAProxy, limits shared in Redis)`);
} catch (error) {
  process.stderr.write(`[cluster] ${error.message}\n`);
  await stop(1);
}

