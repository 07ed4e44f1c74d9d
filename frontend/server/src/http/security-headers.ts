import helmet from 'helmet';

/**
 * Helmet with a CSP that allows only this origin plus the API origin for
 * fetch/XHR. Styles keep 'unsafe-inline' because Angular and Material inject
 * component styles at run time; scripts stay strict.
 */
export function securityHeaders(apiUrl: string, https: boolean) {
  const apiOrigin = new URL(apiUrl).origin;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'", apiOrigin],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // HSTS only over https: sent over http it is ignored by browsers, and
    // it would claim a protection the deployment does not have.
    strictTransportSecurity: https,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
