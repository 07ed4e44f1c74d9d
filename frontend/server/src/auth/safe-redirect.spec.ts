import { isSafeRedirect } from './safe-redirect';

const ORIGINS = ['http://localhost:4200', 'https://tasks.example'];

describe('isSafeRedirect', () => {
  it.each(['/', '/tasks', '/tasks?status=pending#top', '/account/', 'http://localhost:4200/tasks', 'https://tasks.example', 'https://tasks.example/a'])(
    'keeps %j (a path here, or an allowed origin)',
    (target) => {
      expect(isSafeRedirect(target, ORIGINS)).toBe(true);
    },
  );

  it.each([
    ['a dot segment that becomes //host', '/.//evil.example/x'],
    ['dot-dot back to //host', '/x/..//evil.example'],
    ['two dot-dots', '/a/b/../..//evil.example'],
    ['an encoded dot', '/%2e//evil.example'],
    ['an encoded slash', '/%2F%2Fevil.example'],
    ['an encoded backslash', '/%5cevil.example'],
    ['scheme-relative', '//evil.example/x'],
    ['a backslash', '/\\evil.example'],
    ['a tab', '/\t/evil.example'],
    ['another origin', 'https://evil.example/x'],
    ['a look-alike origin', 'https://tasks.example.evil.example/'],
    ['an allowed host with a port', 'https://tasks.example:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path without a slash', 'evil.example'],
    ['nothing', ''],
  ])('refuses %s', (_label, target) => {
    expect(isSafeRedirect(target, ORIGINS)).toBe(false);
  });
});
