import { ConfigError, loadServerConfig } from './server-config';

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
      jwtExpiresIn: '15m',
      trustedProxies: [],
      production: false,
    });
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
    [{ ...valid, NODE_ENV: 'production', BETTER_AUTH_URL: 'http://tasks.example' }, /^BETTER_AUTH_URL must be https in production/],
    [{ ...valid, REDIS_URL: 'localhost:6379' }, /^REDIS_URL /],
  ])('stops with one line naming the variable (%#)', (env, message) => {
    expect(() => loadServerConfig(env)).toThrow(ConfigError);
    expect(() => loadServerConfig(env)).toThrow(message);
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
