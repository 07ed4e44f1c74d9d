import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * The browser tests' `test`: Playwright's, plus a record of what went wrong
 * on the wire and on screen, printed when a test fails. CI keeps no traces,
 * so a failure that happens once in a while has to explain itself in the
 * log: which requests were refused or never answered, and what the page said.
 */
export const test = base.extend<{ failureReport: void }>({
  failureReport: [
    async ({ context }, use, testInfo) => {
      const events: string[] = [];
      const started = Date.now();
      const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
      const unanswered = new Map<object, string>();
      context.on('request', (request) =>
        unanswered.set(request, `${at()} ${request.method()} ${request.url()}`),
      );
      context.on('requestfinished', (request) => unanswered.delete(request));
      context.on('response', (response) => {
        if (response.status() >= 400)
          events.push(
            `${at()} ${response.status()} ${response.request().method()} ${response.url()}`,
          );
      });
      context.on('requestfailed', (request) => {
        unanswered.delete(request);
        events.push(
          `${at()} failed ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'unknown'}`,
        );
      });
      context.on('console', (message) => {
        if (message.type() === 'error')
          events.push(`${at()} console: ${message.text()}`);
      });
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const screens: string[] = [];
      for (const page of context.pages()) {
        const said = await page
          .locator('[role="alert"], [role="status"], mat-snack-bar-container')
          .allInnerTexts()
          .catch(() => []);
        screens.push(
          `${page.url()}: ${
            said
              .map((text) => text.trim())
              .filter(Boolean)
              .join(' | ') || '(nothing said)'
          }`,
        );
      }
      console.log(
        [
          `--- ${testInfo.title}: what the browser saw`,
          ...events.map((e) => `  ${e}`),
          ...[...unanswered.values()].map((r) => `  unanswered since ${r}`),
          ...screens.map((s) => `  screen ${s}`),
        ].join('\n'),
      );
    },
    { auto: true },
  ],
});
