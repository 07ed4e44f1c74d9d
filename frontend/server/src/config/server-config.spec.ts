import { EnvironmentError } from '@taskgate/server-environment';
import { loadServerConfig } from './server-config';

const valid = {
  DATABASE_URL: 'postgres://localhost/db',
  BETTER_AUTH_SECRET: 'x'.repeat(32),
};

describe('loadServerConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadServerConfig(valid)).toMatchObject({
      port: 4200,
      apiUrl: 'http://localhost:3000',
      authUrl: 'http://localhost:4200',
      jwtIssuer: 'http://localhost:4200',
      jwtAudience: 'http://localhost:4200',
      tokenLifetimeSeconds: 900,
      trustedProxies: [],
      production: false,
    });
  });

  it('serves metrics only when FRONTEND_METRICS_PORT is set, on loopback unless FRONTEND_METRICS_HOST says otherwise', () => {
    expect(loadServerConfig(valid).metrics).toBeUndefined();
    expect(loadServerConfig({ ...valid, FRONTEND_METRICS_HOST: '0.0.0.0' }).metrics).toBeUndefined();
    expect(loadServerConfig({ ...valid, FRONTEND_METRICS_PORT: '9465' }).metrics).toEqual({ port: 9465, host: '127.0.0.1' });
    expect(loadServerConfig({ ...valid, FRONTEND_METRICS_PORT: '0', FRONTEND_METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 0, host: '0.0.0.0' });
  });

  it('defaults issuer and audience to BETTER_AUTH_URL', () => {
    const config = loadServerConfig({ ...valid, BETTER_AUTH_URL: 'https://app.example/' });
    expect(config.jwtIssuer).toBe('https://app.example');
    expect(config.jwtAudience).toBe('https://app.example');
  });

  it.each([
    [{ ...valid, BETTER_AUTH_SECRET: undefined }, /^BETTER_AUTH_SECRET must be set to at least 32 characters$/],
    [{ ...valid, BETTER_AUTH_SECRET: 'x'.repeat(31) }, /^BETTER_AUTH_SECRET /],
    [{ ...valid, DATABASE_URL: '' }, /^DATABASE_URL /],
    [{ ...valid, API_URL: 'ftp://x' }, /^API_URL /],
    [{ ...valid, JWT_EXPIRES_IN: 'soon' }, /^JWT_EXPIRES_IN /],
    [{ ...valid, FRONTEND_PORT: 'abc' }, /^FRONTEND_PORT /],
    [{ ...valid, FRONTEND_METRICS_PORT: 'on' }, /^FRONTEND_METRICS_PORT must be a whole number/],
    [{ ...valid, FRONTEND_METRICS_PORT: '4200' }, /^FRONTEND_METRICS_PORT must differ from FRONTEND_PORT/],
    [{ ...valid, NODE_ENV: 'production', BETTER_AUTH_URL: 'http://tasks.example' }, /^BETTER_AUTH_URL must be https in production/],
    [{ ...valid, REDIS_URL: 'localhost:6379' }, /^REDIS_URL /],
  ])('stops with one line naming the variable (%#)', (env, message) => {
    expect(() => loadServerConfig(env)).toThrow(EnvironmentError);
    expect(() => loadServerConfig(env)).toThrow(message);
  });

  it('trusts the other loopback spellings of a loopback app URL in development only', () => {
    expect(loadServerConfig(valid).trustedOrigins).toEqual(['http://127.0.0.1:4200', 'http://[::1]:4200']);
    expect(loadServerConfig({ ...valid, BETTER_AUTH_URL: 'http://127.0.0.1:8080' }).trustedOrigins).toEqual(['http://localhost:8080', 'http://[::1]:8080']);
    expect(loadServerConfig({ ...valid, NODE_ENV: 'production' }).trustedOrigins).toEqual([]);
    expect(loadServerConfig({ ...valid, BETTER_AUTH_URL: 'https://tasks.example' }).trustedOrigins).toEqual([]);
  });

  it('takes every LOG_LEVEL the backend takes, trace and fatal included', () => {
    expect(loadServerConfig({ ...valid, LOG_LEVEL: 'trace' }).logLevel).toBe('trace');
    expect(loadServerConfig({ ...valid, LOG_LEVEL: 'fatal' }).logLevel).toBe('fatal');
  });

  it('reads BETTER_AUTH_URL with a trailing slash as the issuer the backend expects', () => {
    expect(loadServerConfig({ ...valid, BETTER_AUTH_URL: 'https://tasks.example/' })).toMatchObject({
      authUrl: 'https://tasks.example',
      jwtIssuer: 'https://tasks.example',
      jwtAudience: 'https://tasks.example',
    });
  });

  it('reads JWT_EXPIRES_IN as a number of seconds too, as the backend does', () => {
    expect(loadServerConfig({ ...valid, JWT_EXPIRES_IN: '600' }).tokenLifetimeSeconds).toBe(600);
  });

  it('takes http in production only on this machine, or when a proxy in front serves https (ALLOW_INSECURE_HTTP)', () => {
    expect(loadServerConfig({ ...valid, NODE_ENV: 'production', BETTER_AUTH_URL: 'http://localhost:4200' }).production).toBe(true);
    expect(loadServerConfig({ ...valid, NODE_ENV: 'production', BETTER_AUTH_URL: 'http://tasks.example', ALLOW_INSECURE_HTTP: 'true' }).authUrl).toBe('http://tasks.example');
    expect(loadServerConfig({ ...valid, NODE_ENV: 'production', BETTER_AUTH_URL: 'https://tasks.example' }).authUrl).toBe('https://tasks.example');
  });

  it('never puts the secret in the error', () => {
    const secret = 'short-secret';
    try {
      loadServerConfig({ ...valid, BETTER_AUTH_SECRET: secret });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
    expect.assertions(1);
  });
});
