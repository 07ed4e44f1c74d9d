#!/usr/bin/env node
// The long fuzz run: backend/test/fuzz.e2e-spec.ts with FUZZ_RUNS generated
// requests (default 50,000) instead of npm test's 2,500. See stress/README.md.
//
//   node stress/fuzz.mjs [runs]        FUZZ_SEED=<seed> replays a run
//
// A new random seed each time unless FUZZ_SEED is set (it is printed).
// Uses DATABASE_URL's PostgreSQL when set, else a throw-away embedded one.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '50000';
if (!/^\d+$/.test(runs)) {
  process.stderr.write('usage: node stress/fuzz.mjs [runs]\n');
  process.exit(2);
}
const result = spawnSync(
  'npx',
  ['jest', '-c', 'backend/test/jest.config.cts', 'backend/test/fuzz.e2e-spec.ts', '--ci'],
  { cwd: root, stdio: 'inherit', env: { FUZZ_SEED: 'random', ...process.env, FUZZ_RUNS: runs } },
);
process.exit(result.status ?? 1);
