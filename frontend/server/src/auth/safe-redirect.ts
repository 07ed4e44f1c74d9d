import { APIError } from 'better-auth/api';

/** Every parameter through which a Better Auth route can be told where to send the browser. */
export const REDIRECT_PARAMETERS = ['callbackURL', 'redirectTo', 'errorCallbackURL', 'newUserCallbackURL'] as const;

/**
 * True when `target` keeps the browser on one of `origins`: a path on this
 * origin written plainly, or an absolute http(s) URL of an allowed origin.
 *
 * Refused whatever a browser or Better Auth would make of them: backslashes
 * and control characters, percent-encoded slashes, backslashes or dots, any
 * `.` or `..` segment (Better Auth takes `/.//evil.example` as a relative
 * path, then rebuilds it as `//evil.example`), and scheme-relative `//host`.
 */
export function isSafeRedirect(target: string, origins: readonly string[]): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (target === '' || /[\\\u0000-\u001f\u007f]/.test(target) || /%(2f|5c|2e)/i.test(target)) return false;
  let path = target;
  if (!target.startsWith('/')) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return false;
    }
    if (!origins.includes(url.origin)) return false;
    path = target.slice(url.origin.length) || '/';
    if (!path.startsWith('/')) return false;
  }
  if (path.startsWith('//')) return false;
  const segments = path.split(/[?#]/)[0].split('/');
  return !segments.some((segment) => segment === '.' || segment === '..');
}

/**
 * Answers 400 to a request whose query or body names a redirect target that
 * would leave the app's origins (see {@link isSafeRedirect}).
 */
export function refuseUnsafeRedirects(sources: readonly unknown[], origins: readonly string[]): void {
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const name of REDIRECT_PARAMETERS) {
      const value = (source as Record<string, unknown>)[name];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !isSafeRedirect(value, origins)) {
        throw new APIError('BAD_REQUEST', { code: 'INVALID_REDIRECT', message: `${name} must be a path on this site.` });
      }
    }
  }
}
