// `npm run start:backend` / `npm run start:frontend`: one built server in
// production mode (NODE_ENV=production), configured only by its environment
// (and .env when present). Nothing is generated: a missing secret or
// DATABASE_URL stops the server with one line naming the variable.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKEND_NODE_FLAGS } from './node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = { backend: 'dist/backend/main.js', frontend: 'dist/frontend/server/main.js' };
const entry = entries[process.argv[2]];
if (!entry) {
  process.stderr.write(`usage: run-production.mjs ${Object.keys(entries).join('|')}\n`);
  process.exit(2);
}
if (!existsSync(join(root, entry))) {
  process.stderr.write(`${entry} is missing: run \`npm run build\` first\n`);
  process.exit(1);
}
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
const flags = process.argv[2] === 'backend' ? BACKEND_NODE_FLAGS : [];
const child = spawn(process.execPath, [...flags, join(root, entry)], {
  env: { ...process.env, NODE_ENV: 'production' },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
