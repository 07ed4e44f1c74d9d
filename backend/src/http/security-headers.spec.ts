import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("records helmet's headers once, with a CSP that allows only this origin", () => {
    const headers = securityHeaders();
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
      'Referrer-Policy': 'no-referrer',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    });
    expect(headers['Content-Security-Policy']).toContain("default-src 'self'");
    expect(headers['Content-Security-Policy']).toContain("object-src 'none'");
    expect(headers['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
  });
});
