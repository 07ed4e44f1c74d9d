import { apiSecurityHeaders, docsSecurityHeaders } from './security-headers';

describe('apiSecurityHeaders', () => {
  it("is OWASP's REST set, named in lower case, with nothing that only acts on HTML documents", () => {
    expect(apiSecurityHeaders()).toEqual({
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  });
});

describe('docsSecurityHeaders', () => {
  it("is helmet's document set, with a CSP that allows only this origin's scripts and styles", () => {
    const headers = docsSecurityHeaders();
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
