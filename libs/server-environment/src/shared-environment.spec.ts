import { EnvironmentError } from './environment-reader';
import { readSharedEnvironment } from './shared-environment';

const SECRET = 'x'.repeat(32);
const minimal = { BETTER_AUTH_SECRET: SECRET, DATABASE_URL: 'postgres://localhost/test' };

describe('readSharedEnvironment', () => {
  it('applies the documented defaults', () => {
    expect(readSharedEnvironment(minimal)).toEqual({
      production: false,
      authSecret: SECRET,
      appUrl: 'http://localhost:4200',
      tokenIssuer: 'http://localhost:4200',
      tokenAudience: 'http://localhost:4200',
      tokenLifetimeSeconds: 900,
      logLevel: 'info',
      databaseUrl: 'postgres://localhost/test',
      redisUrl: undefined,
    });
  });

  it('reads BETTER_AUTH_URL with or without a trailing slash as the same issuer and audience', () => {
    const withSlash = readSharedEnvironment({ ...minimal, BETTER_AUTH_URL: 'https://tasks.example/' });
    const without = readSharedEnvironment({ ...minimal, BETTER_AUTH_URL: 'https://tasks.example' });
    expect(withSlash).toEqual(without);
    expect(withSlash).toMatchObject({ appUrl: 'https://tasks.example', tokenIssuer: 'https://tasks.example', tokenAudience: 'https://tasks.example' });
  });

  it('takes JWT_ISSUER and JWT_AUDIENCE over BETTER_AUTH_URL', () => {
    expect(readSharedEnvironment({ ...minimal, JWT_ISSUER: 'issuer', JWT_AUDIENCE: 'audience' })).toMatchObject({
      tokenIssuer: 'issuer',
      tokenAudience: 'audience',
    });
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', 'TRACE'])('accepts LOG_LEVEL=%s', (level) => {
    expect(readSharedEnvironment({ ...minimal, LOG_LEVEL: level }).logLevel).toBe(level.toLowerCase());
  });

  it('reads JWT_EXPIRES_IN in any of its spellings', () => {
    expect(readSharedEnvironment({ ...minimal, JWT_EXPIRES_IN: '5m' }).tokenLifetimeSeconds).toBe(300);
    expect(readSharedEnvironment({ ...minimal, JWT_EXPIRES_IN: '300' }).tokenLifetimeSeconds).toBe(300);
  });

  it('treats blank values as unset', () => {
    expect(readSharedEnvironment({ ...minimal, BETTER_AUTH_URL: ' ', LOG_LEVEL: '', REDIS_URL: '' })).toMatchObject({
      appUrl: 'http://localhost:4200',
      logLevel: 'info',
      redisUrl: undefined,
    });
  });

  it.each([
    [{ ...minimal, BETTER_AUTH_SECRET: undefined }, 'BETTER_AUTH_SECRET must be set to at least 32 characters'],
    [{ ...minimal, BETTER_AUTH_SECRET: 'x'.repeat(31) }, 'BETTER_AUTH_SECRET must be set to at least 32 characters'],
    [{ ...minimal, DATABASE_URL: undefined }, 'DATABASE_URL must be set to a postgres:// URL'],
    [{ ...minimal, DATABASE_URL: 'mysql://localhost/test' }, 'DATABASE_URL must be set to a postgres:// URL'],
    [{ ...minimal, BETTER_AUTH_URL: 'localhost:4200' }, 'BETTER_AUTH_URL must be an http(s) URL such as http://localhost:4200'],
    [{ ...minimal, JWT_EXPIRES_IN: 'soon' }, 'JWT_EXPIRES_IN must be a duration such as 15m, 900s or 900'],
    [{ ...minimal, LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ ...minimal, REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
  ])('refuses a bad variable with one line naming it (%#)', (env, message) => {
    expect(() => readSharedEnvironment(env)).toThrow(new EnvironmentError(message));
  });

  it('never echoes a value in its message', () => {
    expect(() => readSharedEnvironment({ ...minimal, BETTER_AUTH_SECRET: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
    expect(() => readSharedEnvironment({ ...minimal, DATABASE_URL: 'mysql://user:pa55word@db/x' })).toThrow(/^(?!.*pa55word)/);
  });
});
