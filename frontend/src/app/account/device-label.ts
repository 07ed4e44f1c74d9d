import { parse } from 'bowser';

/**
 * What a person would call the device behind a session's user agent:
 * "Chrome 156 on Linux", "Safari 17 on iOS", or "Unknown device".
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent?.trim()) return 'Unknown device';
  let browser = '';
  let version = '';
  let os = '';
  try {
    const result = parse(userAgent);
    browser = result.browser.name ?? '';
    version = (result.browser.version ?? '').split('.')[0];
    os = result.os.name ?? '';
  } catch {
    return 'Unknown device';
  }
  const app = browser ? [browser, version].filter(Boolean).join(' ') : '';
  if (app && os) return `${app} on ${os}`;
  if (app) return app;
  if (os) return `A browser on ${os}`;
  return 'Unknown device';
}
