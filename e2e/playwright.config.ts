import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

// One secret for the servers and for the test that forges a raw-secret token;
// workers inherit it from this process.
process.env['E2E_AUTH_SECRET'] ??= process.env['BETTER_AUTH_SECRET'] ?? `e2e-${randomBytes(24).toString('hex')}`;

const baseURL = process.env['E2E_BASE_URL'] ?? 'http://localhost:4200';

export default defineConfig({
  testDir: './src',
  outputDir: '../dist/e2e/test-results',
  // One browser at a time: Better Auth allows 3 sign-ups per 10 s per address.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  // In CI one retry, so a one-off stall of a loaded 2-core runner does not sink
  // the run; the retried test is still reported as flaky (tools/run-tests.mjs
  // names it) and its first failure prints what the browser saw (fixtures.ts).
  retries: process.env['CI'] ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node e2e/support/run-stack.mjs',
    cwd: '..',
    url: `${baseURL}/app-config.json`,
    // Locally, reuse a stack already started by an earlier run; CI always starts its own.
    reuseExistingServer: !process.env['CI'],
    timeout: 120_000,
    // SIGTERM lets run-stack stop both servers and drop its database.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      BETTER_AUTH_SECRET: process.env['E2E_AUTH_SECRET'],
      // Short-lived tokens, so renewal happens during the run.
      JWT_EXPIRES_IN: process.env['JWT_EXPIRES_IN'] ?? '20s',
    },
  },
});
