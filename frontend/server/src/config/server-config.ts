import { API_TOKEN_DEFAULT_LIFETIME, AUTH_SECRET_MIN_LENGTH, parseTokenLifetime } from '@taskgate/api-contract';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Everything the frontend server reads from the environment, validated once. */
export interface ServerConfig {
  port: number;
  /** Origin-qualified URL of the tasks API; the browser reads it from /app-config.json. */
  apiUrl: string;
  databaseUrl: string;
  authSecret: string;
  /** Public URL of this server; Better Auth's baseURL and its trusted origin. */
  authUrl: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** A jose duration such as `15m`, or seconds. */
  jwtExpiresIn: string;
  /** Extra origins allowed to call Better Auth with cookies. */
  trustedOrigins: string[];
  /**
   * Addresses of reverse proxies whose X-Forwarded-For we believe. Empty means
   * the socket address is the client address.
   */
  trustedProxies: string[];
  logLevel: LogLevel;
  production: boolean;
  /** Redis for rate limits shared by every replica (Better Auth's and the per-account sign-in limit). */
  redisUrl?: string;
}

/** A configuration problem, phrased as one line that names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function url(name: string, value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
    return value.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
}

/** An http URL whose host is not this machine (browsers treat localhost as secure already). */
function isPlainHttpElsewhere(value: string): boolean {
  const { protocol, hostname } = new URL(value);
  return protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const secret = env['BETTER_AUTH_SECRET'] ?? '';
  if (secret.length < AUTH_SECRET_MIN_LENGTH) {
    throw new ConfigError(
      `BETTER_AUTH_SECRET must be set to at least ${AUTH_SECRET_MIN_LENGTH} characters`,
    );
  }
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new ConfigError('DATABASE_URL must be set');

  const portText = env['FRONTEND_PORT'] ?? '4200';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('FRONTEND_PORT must be a port number');
  }

  const authUrl = url('BETTER_AUTH_URL', env['BETTER_AUTH_URL'] || 'http://localhost:4200');
  const apiUrl = url('API_URL', env['API_URL'] || 'http://localhost:3000');

  const jwtExpiresIn = env['JWT_EXPIRES_IN'] || API_TOKEN_DEFAULT_LIFETIME;
  if (parseTokenLifetime(jwtExpiresIn) === null) {
    throw new ConfigError('JWT_EXPIRES_IN must be a duration such as 15m, 900s or 900');
  }

  const production = env['NODE_ENV'] === 'production';
  if (production && isPlainHttpElsewhere(authUrl) && env['ALLOW_INSECURE_HTTP'] !== 'true') {
    throw new ConfigError(
      'BETTER_AUTH_URL must be https in production (session cookies would travel unencrypted); ' +
        'set ALLOW_INSECURE_HTTP=true only if a proxy in front serves it over https',
    );
  }

  const redisUrl = env['REDIS_URL'] || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');

  const logLevel = (env['LOG_LEVEL'] || 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }

  return {
    port,
    apiUrl,
    databaseUrl,
    authSecret: secret,
    authUrl,
    jwtIssuer: env['JWT_ISSUER'] || authUrl,
    jwtAudience: env['JWT_AUDIENCE'] || authUrl,
    jwtExpiresIn,
    trustedOrigins: list(env['TRUSTED_ORIGINS']).map((o) => url('TRUSTED_ORIGINS', o)),
    trustedProxies: list(env['TRUSTED_PROXIES']),
    logLevel,
    production,
    redisUrl,
  };
}
