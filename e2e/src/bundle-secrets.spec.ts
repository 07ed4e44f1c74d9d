import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from './fixtures';

// What the browser downloads must not carry a server secret. These checks live
// with the browser tests because those run after the build: `nx e2e e2e`
// depends on `frontend:build`, and `npm test` builds before Playwright with the
// same environment, so the values below are the ones the shipped build saw.
const root = join(__dirname, '..', '..');
const shippedBundle = process.env['E2E_BUNDLE_DIR'] ?? join(root, 'dist/frontend/web/browser');

/** Names and URL shapes that mean server configuration leaked into the browser. */
const SERVER_ONLY_STRINGS: Record<string, string> = {
  'the name BETTER_AUTH_SECRET': 'BETTER_AUTH_SECRET',
  'the name DATABASE_URL': 'DATABASE_URL',
  'a postgres:// URL': 'postgres://',
  'a postgresql:// URL': 'postgresql://',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** `file: label` for every forbidden value found in the bundle at `dir`. */
function leaksIn(dir: string, needles: Record<string, string>): string[] {
  expect(existsSync(join(dir, 'index.html')), `no build at ${dir}: run nx build frontend`).toBe(true);
  const files = filesUnder(dir);
  // The scan is only worth something if the application code is there.
  expect(files.filter((file) => file.endsWith('.js')).length).toBeGreaterThan(0);
  const found: string[] = [];
  for (const file of files) {
    const content = readFileSync(file);
    for (const [label, value] of Object.entries(needles)) {
      if (content.includes(value)) found.push(`${relative(dir, file)}: ${label}`);
    }
  }
  return found;
}

test('the shipped frontend bundle contains no server secret or database address', () => {
  const needles = { ...SERVER_ONLY_STRINGS };
  for (const name of ['BETTER_AUTH_SECRET', 'E2E_AUTH_SECRET', 'DATABASE_URL']) {
    const value = process.env[name];
    // Short values would match by chance; real secrets are at least 32 characters.
    if (value && value.length >= 12) needles[`the value of ${name}`] = value;
  }
  expect(leaksIn(shippedBundle, needles)).toEqual([]);
});

test('a secret in the environment of the frontend build does not reach the bundle', () => {
  // The shipped build may have run without BETTER_AUTH_SECRET; this one runs
  // with known values, so a leak through build-time defines would show.
  test.setTimeout(240_000);
  const secret = `canary-secret-${randomBytes(16).toString('hex')}`;
  const databaseUrl = `postgres://canary:${randomBytes(8).toString('hex')}@db.invalid:5432/canary`;
  const outputPath = join(root, 'dist/e2e/canary-web');
  rmSync(outputPath, { recursive: true, force: true });
  execFileSync(
    'npx',
    // No Nx cache: a cached bundle was built with other values and would prove nothing.
    ['nx', 'build', 'frontend', `--outputPath=${outputPath}`, '--skip-nx-cache', '--outputStyle=static'],
    {
      cwd: root,
      stdio: 'pipe',
      env: {
        ...process.env,
        BETTER_AUTH_SECRET: secret,
        DATABASE_URL: databaseUrl,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_USE_LOCAL: 'true',
      },
    },
  );
  const leaks = leaksIn(join(outputPath, 'browser'), {
    ...SERVER_ONLY_STRINGS,
    'the BETTER_AUTH_SECRET of the build': secret,
    'the DATABASE_URL of the build': databaseUrl,
  });
  rmSync(outputPath, { recursive: true, force: true });
  expect(leaks).toEqual([]);
});
