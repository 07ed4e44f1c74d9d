import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET } from './tokens';

const ROOT = join(__dirname, '..', '..', '..');
export const BUILT_BACKEND = join(ROOT, 'dist', 'backend', 'main.js');

/**
 * The Node.js flags the backend runs with in production (tools/node-flags.mjs,
 * an ES module this CommonJS suite cannot import, so read by a child node).
 */
export const PRODUCTION_NODE_FLAGS: readonly string[] = JSON.parse(
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', "import { BACKEND_NODE_FLAGS } from './tools/node-flags.mjs'; process.stdout.write(JSON.stringify(BACKEND_NODE_FLAGS));"],
    { cwd: ROOT, encoding: 'utf8' },
  ),
);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the backend (`nx build backend`) when dist/backend/main.js is
 * missing or older than its sources, so these suites test the code as it is.
 * A lock directory keeps parallel Jest workers from building twice at once.
 */
export async function ensureBuiltBackend(): Promise<void> {
  const stale = () =>
    !existsSync(BUILT_BACKEND) ||
    statSync(BUILT_BACKEND).mtimeMs < Math.max(newestMtime(join(ROOT, 'backend', 'src')), newestMtime(join(ROOT, 'libs')));
  if (!stale()) return;
  const lock = join(ROOT, 'tmp', 'backend-build.lock');
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`${lock} held for 3 minutes: remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (!stale()) return;
    const result = spawnSync('npx', ['nx', 'build', 'backend', '--outputStyle=static'], {
      cwd: ROOT,
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_USE_LOCAL: 'true' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`nx build backend failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

/** A free TCP port on loopback (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The built backend running as a child process, its output captured. */
export interface BuiltBackend {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stop(): Promise<void>;
}

/**
 * Spawns dist/backend/main.js with the production Node.js flags, the test
 * secret, issuer and audience, a free BACKEND_PORT and `env`, and waits
 * until /api/health/ready answers 200.
 */
export async function startBuiltBackend(databaseUrl: string, env: Record<string, string> = {}): Promise<BuiltBackend> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, BUILT_BACKEND], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      BACKEND_HOST: '127.0.0.1',
      BACKEND_PORT: String(port),
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: TEST_SECRET,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the backend exited during start-up (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the backend did not become ready within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    port,
    url,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
