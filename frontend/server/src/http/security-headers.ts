import helmet from 'helmet';

/**
 * Helmet with a CSP that allows only this origin plus the API origin for
 * fetch/XHR. Styles keep 'unsafe-inline' because Angular and Material inject
 * component styles at run time; scripts stay strict.
 */
export function securityHeaders(apiUrl: string, production: boolean) {
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
        ...(production ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // HSTS only makes sense once served over https, which production is.
    strictTransportSecurity: production,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
