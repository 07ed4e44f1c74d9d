// `npm run test:report`: runs the suites that measure something (fuzzing,
// faults, revocation latency, secrets in logs, the frontend server's
// database outage, the cluster of replicas), collects the figures each reports through
// @taskgate/test-report, and writes them, dated, to docs/test-report.md.
// SECURITY.md says what each layer does; this file says how it measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const figuresFile = join(root, 'tmp', 'test-report', 'figures.jsonl');
rmSync(figuresFile, { force: true });
mkdirSync(dirname(figuresFile), { recursive: true });

/** The suites that measure, with the command a reader runs to see one again. */
const SUITES = [
  { what: 'fuzzing, 2,500 generated requests', config: 'backend/test/jest.config.cts', file: 'backend/test/fuzz.e2e-spec.ts' },
  { what: 'the database cut and frozen under load; SIGTERM under load', config: 'backend/test/jest.config.cts', file: 'backend/test/faults.e2e-spec.ts' },
  { what: 'sign-out reaching two backends', config: 'backend/test/jest.config.cts', file: 'backend/test/revocation.e2e-spec.ts' },
  { what: 'secret rotation; secrets in logs', config: 'backend/test/jest.config.cts', file: 'backend/test/secrets.e2e-spec.ts' },
  { what: 'frontend server: the database refused and stalled', config: 'frontend/server/jest.config.cts', file: 'frontend/server/src/database-outage.spec.ts' },
  { what: 'replicas behind HAProxy: shared limits, sign-out, a backend killed under load', config: 'e2e/cluster/jest.config.cts', file: 'e2e/cluster/cross-replica.spec.ts' },
];

let failed = 0;
for (const suite of SUITES) {
  process.stdout.write(`\n$ npx jest -c ${suite.config} ${suite.file}\n`);
  const { status } = spawnSync('npx', ['jest', '-c', suite.config, suite.file, '--ci'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TASKGATE_TEST_REPORT: figuresFile, FORCE_COLOR: '0' },
  });
  if (status !== 0) failed += 1;
}

const figures = existsSync(figuresFile)
  ? readFileSync(figuresFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : [];
const postgres = spawnSync('psql', [process.env.DATABASE_URL ?? '', '-Atc', 'SHOW server_version'], { encoding: 'utf8' });
const date = new Date().toISOString().slice(0, 10);
const host = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}` +
  (postgres.status === 0 ? `, PostgreSQL ${postgres.stdout.trim().split(' ')[0]}` : ', embedded PostgreSQL');

const report = `# Test report, ${date}

What the suites that measure something measured, on ${host}. Written by
\`npm run test:report\` (tools/test-report.mjs), which runs them and collects
what each reports; run it again to regenerate this file. The tests assert
their limits (for example "no request waits over 2 s"); this page keeps the
figures. [SECURITY.md](../SECURITY.md) says what each defence is for,
[bench/README.md](../bench/README.md) holds the throughput figures.

${failed ? `**${failed} of ${SUITES.length} suites failed in this run**; their figures may be missing.\n\n` : ''}| suite | what it measures | command |
| --- | --- | --- |
${SUITES.map((s) => `| \`${s.file.split('/').pop()}\` | ${s.what} | \`npx jest -c ${s.config} ${s.file}\` |`).join('\n')}

## Figures

${figures.map((f) => `- **${f.topic}**: ${f.text}`).join('\n')}

## Not run here

- \`npm run fuzz\` (50,000 requests) and \`npm run soak\` (100 users, 60 s)
  take minutes; [stress/README.md](../stress/README.md) says how to run them
  and what they print.
- \`npm audit --omit=dev\` needs the public npm registry's audit endpoint,
  which this machine's registry does not serve.
`;
writeFileSync(join(root, 'docs', 'test-report.md'), report);
process.stdout.write(`\ndocs/test-report.md: ${figures.length} figures from ${SUITES.length} suites, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
