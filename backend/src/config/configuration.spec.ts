import { EnvironmentError } from '@taskgate/server-environment';
import { loadConfiguration } from './configuration';

const SECRET = 'x'.repeat(32);
const minimal = { BETTER_AUTH_SECRET: SECRET, DATABASE_URL: 'postgres://localhost/test' };

describe('loadConfiguration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfiguration(minimal);
    expect(config.app).toEqual({
      production: false,
      port: 3000,
      host: '0.0.0.0',
      corsOrigins: ['http://localhost:4200'],
      rateLimitPerMinute: 1200,
      logLevel: 'info',
    });
    expect(config.app.metrics).toBeUndefined();
    expect(config.auth).toEqual({
      secret: SECRET,
      previousSecrets: [],
      issuer: 'http://localhost:4200',
      audience: 'http://localhost:4200',
      tokenLifetimeSeconds: 900,
    });
    expect(config.database).toEqual({ url: 'postgres://localhost/test', listenUrl: 'postgres://localhost/test', poolSize: 20 });
  });

  it('reads JWT_EXPIRES_IN as the frontend server does, and names it when it is not a duration', () => {
    expect(loadConfiguration({ ...minimal, JWT_EXPIRES_IN: '5m' }).auth.tokenLifetimeSeconds).toBe(300);
    expect(() => loadConfiguration({ ...minimal, JWT_EXPIRES_IN: 'soon' })).toThrow(/JWT_EXPIRES_IN/);
  });

  it('serves metrics only when BACKEND_METRICS_PORT is set, on loopback unless BACKEND_METRICS_HOST says otherwise', () => {
    expect(loadConfiguration({ ...minimal, BACKEND_METRICS_PORT: '9464' }).app.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfiguration({ ...minimal, BACKEND_METRICS_PORT: '0', BACKEND_METRICS_HOST: '0.0.0.0' }).app.metrics).toEqual({ port: 0, host: '0.0.0.0' });
    expect(loadConfiguration({ ...minimal, BACKEND_METRICS_HOST: '0.0.0.0' }).app.metrics).toBeUndefined();
  });

  it('listens for revocations on DATABASE_LISTEN_URL when set', () => {
    expect(loadConfiguration({ ...minimal, DATABASE_LISTEN_URL: 'postgres://direct/test' }).database.listenUrl).toBe('postgres://direct/test');
  });

  it('reads BETTER_AUTH_URL with a trailing slash as the issuer the frontend server signs for', () => {
    expect(loadConfiguration({ ...minimal, BETTER_AUTH_URL: 'https://tasks.example/' }).auth).toMatchObject({
      issuer: 'https://tasks.example',
      audience: 'https://tasks.example',
    });
  });

  it('takes issuer and audience from BETTER_AUTH_URL unless set', () => {
    expect(loadConfiguration({ ...minimal, BETTER_AUTH_URL: 'https://tasks.example' }).auth).toMatchObject({
      issuer: 'https://tasks.example',
      audience: 'https://tasks.example',
    });
    expect(
      loadConfiguration({ ...minimal, JWT_ISSUER: 'issuer', JWT_AUDIENCE: 'audience' }).auth,
    ).toMatchObject({ issuer: 'issuer', audience: 'audience' });
  });

  it.each([
    [{ ...minimal, BETTER_AUTH_SECRET: undefined }, /^BETTER_AUTH_SECRET must be set to at least 32/],
    [{ ...minimal, BETTER_AUTH_PREVIOUS_SECRETS: `${SECRET},short` }, /^BETTER_AUTH_PREVIOUS_SECRETS must list secrets of at least 32/],
    [{ ...minimal, DATABASE_URL: undefined }, /^DATABASE_URL must be set/],
    [{ ...minimal, DATABASE_LISTEN_URL: 'http://db' }, /^DATABASE_LISTEN_URL must be a postgres/],
    [{ ...minimal, DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE must be a whole number from 1 to 100/],
    [{ ...minimal, BACKEND_PORT: 'eighty' }, /^BACKEND_PORT must be a whole number/],
    [{ ...minimal, BACKEND_METRICS_PORT: 'on' }, /^BACKEND_METRICS_PORT must be a whole number/],
    [{ ...minimal, BACKEND_METRICS_PORT: '3000' }, /^BACKEND_METRICS_PORT must differ from BACKEND_PORT/],
    [{ ...minimal, RATE_LIMIT_PER_MINUTE: '-1' }, /^RATE_LIMIT_PER_MINUTE/],
    [{ ...minimal, CORS_ORIGINS: 'localhost:4200' }, /^CORS_ORIGINS/],
    [{ ...minimal, LOG_LEVEL: 'loud' }, /^LOG_LEVEL/],
  ])('rejects a bad environment with one line naming the variable (%#)', (env, message) => {
    expect(() => loadConfiguration(env)).toThrow(EnvironmentError);
    expect(() => loadConfiguration(env)).toThrow(message);
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfiguration({ ...minimal, BETTER_AUTH_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('lists previous secrets and CORS origins', () => {
    const other = 'y'.repeat(40);
    const config = loadConfiguration({
      ...minimal,
      BETTER_AUTH_PREVIOUS_SECRETS: ` ${other} ,`,
      CORS_ORIGINS: 'http://a.test, https://b.test',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(config.auth.previousSecrets).toEqual([other]);
    expect(config.app.corsOrigins).toEqual(['http://a.test', 'https://b.test']);
    expect(config.app.rateLimitPerMinute).toBe(0);
  });

  it('takes a rate limit as high as the throughput benchmark sets (a limit nobody reaches)', () => {
    expect(loadConfiguration({ ...minimal, RATE_LIMIT_PER_MINUTE: '100000000' }).app.rateLimitPerMinute).toBe(100_000_000);
  });
});
