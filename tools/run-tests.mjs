// `npm test`: every suite, one summary line.
//   1. Jest, all projects at once (unit tests of every project, the backend's
//      API e2e suites on a real PostgreSQL, the frontend server's suites);
//   2. the product builds, and `npm start`'s launcher boots on an embedded
//      PostgreSQL and answers (tools/smoke-start.mjs); the npm scripts stop
//      their whole tree on SIGTERM/SIGINT (tools/smoke-signals.mjs);
//   2b. the cross-replica suite on `npm run cluster` (e2e/cluster/);
//   3. Playwright: the browser journeys against the running product.
// The suites use DATABASE_URL's server when it is set (CI: the machine's
// PostgreSQL), else throw-away embedded clusters. Ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_USE_LOCAL: 'true',
  NG_CLI_ANALYTICS: 'false',
  FORCE_COLOR: '0',
};
const tally = { passed: 0, failed: 0, skipped: 0 };
const suites = [];

function run(command, args, extraEnv = {}) {
  process.stdout.write(`\n$ ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } }).status;
}

function record(name, passed, failed, skipped = 0) {
  tally.passed += passed;
  tally.failed += failed;
  tally.skipped += skipped;
  suites.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

/**
 * Debian packages the suites drive: Chromium (the browser tests; npm tools
 * cannot download browsers here), HAProxy and Redis (the cluster suite).
 * Installed with apt-get when missing and this runs as root.
 */
function ensureDebianPackages(packages) {
  const missing = packages.filter(({ binary }) => !existsSync(binary));
  if (missing.length === 0) return true;
  const names = missing.map(({ name }) => name);
  if (process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0) {
    process.stdout.write(`Installing ${names.join(', ')} for the tests (apt-get install)\n`);
    run('apt-get', ['update', '-qq']);
    return run('apt-get', ['install', '-y', '-qq', ...names]) === 0;
  }
  process.stderr.write(`${names.join(', ')} missing: install them (apt-get install ${names.join(' ')}) to run every suite\n`);
  return false;
}
const ensureChromium = () => ensureDebianPackages([{ name: 'chromium', binary: '/usr/bin/chromium' }]);
const ensureClusterPackages = () =>
  ensureDebianPackages([
    { name: 'haproxy', binary: '/usr/sbin/haproxy' },
    { name: 'redis-server', binary: '/usr/bin/redis-server' },
  ]);

// 1. Jest
const jestJson = join(out, 'jest.json');
const jestStatus = run('npx', ['jest', '-c', 'jest.config.ts', '--ci', '--json', `--outputFile=${jestJson}`]);
if (existsSync(jestJson)) {
  const report = JSON.parse(readFileSync(jestJson, 'utf8'));
  const crashed = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  record('jest', report.numPassedTests, report.numFailedTests + crashed, report.numPendingTests + report.numTodoTests);
} else {
  record('jest', 0, 1);
}
if (jestStatus !== 0 && tally.failed === 0) record('jest (exit status)', 0, 1);

// 2. Build, then the launcher on an embedded PostgreSQL
const buildStatus = run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
record('build', buildStatus === 0 ? 1 : 0, buildStatus === 0 ? 0 : 1);
if (buildStatus === 0) {
  const smokeStatus = run('node', ['tools/smoke-start.mjs']);
  record('launcher smoke test', smokeStatus === 0 ? 1 : 0, smokeStatus === 0 ? 0 : 1);
  // The npm scripts under SIGTERM/SIGINT, and npm start when a child dies.
  const signals = spawnSync('node', ['tools/smoke-signals.mjs'], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(signals.stdout ?? '');
  const tallyLine = /signals: (\d+) passed, (\d+) failed/.exec(signals.stdout ?? '');
  if (tallyLine) record('npm scripts under signals', Number(tallyLine[1]), Number(tallyLine[2]));
  else record('npm scripts under signals', 0, 1);
}

// 2b. The cross-replica suite on `npm run cluster` (HAProxy, Redis, 3 + 2 replicas)
if (buildStatus === 0 && !ensureClusterPackages()) {
  record('cluster (no HAProxy or Redis)', 0, 1);
} else if (buildStatus === 0) {
  const clusterJson = join(out, 'cluster.json');
  run('npx', ['jest', '-c', 'e2e/cluster/jest.config.cts', '--ci', '--json', `--outputFile=${clusterJson}`]);
  if (existsSync(clusterJson)) {
    const report = JSON.parse(readFileSync(clusterJson, 'utf8'));
    const crashed = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
    record('cluster (cross-replica)', report.numPassedTests, report.numFailedTests + crashed);
  } else {
    record('cluster (cross-replica)', 0, 1);
  }
}

// 3. Playwright
const playwrightConfig = join(root, 'e2e', 'playwright.config.ts');
if (buildStatus === 0 && existsSync(playwrightConfig) && !ensureChromium()) {
  record('playwright (no Chromium)', 0, 1);
} else if (buildStatus === 0 && existsSync(playwrightConfig)) {
  const playwrightJson = join(out, 'playwright.json');
  const status = run('npx', ['playwright', 'test', '-c', playwrightConfig, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });
  if (existsSync(playwrightJson)) {
    const { stats } = JSON.parse(readFileSync(playwrightJson, 'utf8'));
    // A test that failed once and passed on its retry counts as passed; the suite line says how many (the list reporter above names them).
    record(stats.flaky ? `playwright (${stats.flaky} flaky: failed once, passed on retry)` : 'playwright', stats.expected + stats.flaky, stats.unexpected, stats.skipped);
    if (status !== 0 && stats.unexpected === 0) record('playwright (exit status)', 0, 1);
  } else {
    record('playwright', 0, 1);
  }
}

process.stdout.write(`\n${suites.join('\n')}\n`);
process.stdout.write(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}\n`);
process.exit(tally.failed === 0 ? 0 : 1);
