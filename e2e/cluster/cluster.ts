import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface Replica {
  port: number;
  pid: number;
  url: string;
}

/** `npm run cluster`'s launcher, started for a suite on free ports and throw-away data. */
export interface RunningCluster {
  url: string;
  databaseUrl: string;
  backends(): Replica[];
  frontends(): Replica[];
  /** HAProxy's view of each server: `backend1` → `UP`, `DOWN`, … */
  serverStates(): Promise<Record<string, string>>;
  output(): string;
  stop(): Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(env: Record<string, string>): Promise<RunningCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskgate-cluster-'));
  chmodSync(dataDir, 0o755);
  const [port, postgresPort] = [await freePort(), await freePort()];
  const fullEnv: Record<string, string | undefined> = { ...process.env, TASKGATE_DATA_DIR: dataDir, CLUSTER_PORT: String(port), EMBEDDED_POSTGRES_PORT: String(postgresPort), LOG_LEVEL: 'warn', ...env };
  // Its own Redis (the launcher starts Debian's redis-server) and, unless
  // the suite names one, its own embedded PostgreSQL.
  delete fullEnv['REDIS_URL'];
  const databaseUrl = env['DATABASE_URL'] ?? `postgres://postgres:postgres@127.0.0.1:${postgresPort}/taskgate`;
  if (!env['DATABASE_URL']) delete fullEnv['DATABASE_URL'];
  const child: ChildProcess = spawn(process.execPath, [join(root, 'tools/cluster.mjs')], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const started = Date.now(); !/Taskgate is running/.test(output); await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`the cluster did not start:\n${output.slice(-2000)}`);
  }
  const state = () => JSON.parse(readFileSync(join(dataDir, 'cluster', 'state.json'), 'utf8'));
  const replicas = (kind: 'backends' | 'frontends') =>
    (state()[kind] as { port: number; pid: number }[]).map((r) => ({ ...r, url: `http://127.0.0.1:${r.port}` }));
  return {
    url: `http://localhost:${port}`,
    databaseUrl,
    backends: () => replicas('backends'),
    frontends: () => replicas('frontends'),
    async serverStates() {
      const csv = await (await fetch(`${state().stats};csv`, { signal: AbortSignal.timeout(5_000) })).text();
      const rows = csv.split('\n').map((line) => line.split(','));
      const status = rows[0].indexOf('status');
      return Object.fromEntries(rows.slice(1).filter((r) => r[1]?.startsWith('backend') || r[1]?.startsWith('frontend')).map((r) => [r[1], r[status]]));
    },
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      // The launcher stops within 10 s by itself; past 15 s it is a failure, not a hang.
      const code = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
