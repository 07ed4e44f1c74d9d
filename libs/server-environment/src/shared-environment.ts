import { API_TOKEN_DEFAULT_LIFETIME, AUTH_SECRET_MIN_LENGTH, parseTokenLifetime } from '@taskgate/api-contract';
import { type Environment, EnvironmentError, EnvironmentReader } from './environment-reader';

/** pino's levels; both servers log through pino's names. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_APP_URL = 'http://localhost:4200';

/**
 * The variables both servers read, read once here so they cannot drift: a
 * token the frontend server signs for `BETTER_AUTH_URL` must name the issuer
 * the backend expects, whatever the spelling of the URL.
 */
export interface SharedEnvironment {
  /** `NODE_ENV=production`. */
  production: boolean;
  /** `BETTER_AUTH_SECRET`: API token keys are derived from it (HKDF), never used raw. */
  authSecret: string;
  /** `BETTER_AUTH_URL`, the portal's public URL, without a trailing slash. */
  appUrl: string;
  /** `JWT_ISSUER`, default {@link appUrl}. */
  tokenIssuer: string;
  /** `JWT_AUDIENCE`, default {@link appUrl}. */
  tokenAudience: string;
  /** `JWT_EXPIRES_IN` in seconds: the frontend server signs for it, the backend refuses longer. */
  tokenLifetimeSeconds: number;
  logLevel: LogLevel;
  /** `DATABASE_URL`, a postgres:// URL. */
  databaseUrl: string;
  /** `REDIS_URL`: limits shared by every replica; unset, each process counts alone. */
  redisUrl?: string;
}

const SECRET_RULE = `must be set to at least ${AUTH_SECRET_MIN_LENGTH} characters`;
export const POSTGRES_PROTOCOLS = ['postgres', 'postgresql'] as const;

/** Reads the shared variables; throws {@link EnvironmentError} naming the first bad one. */
export function readSharedEnvironment(env: Environment): SharedEnvironment {
  const read = new EnvironmentReader(env);

  const authSecret = read.raw('BETTER_AUTH_SECRET') ?? '';
  if (authSecret.length < AUTH_SECRET_MIN_LENGTH) throw new EnvironmentError(`BETTER_AUTH_SECRET ${SECRET_RULE}`);

  const appUrl = read.url('BETTER_AUTH_URL', ['http', 'https'], 'must be an http(s) URL such as http://localhost:4200') ?? DEFAULT_APP_URL;

  const lifetime = read.text('JWT_EXPIRES_IN') ?? API_TOKEN_DEFAULT_LIFETIME;
  const tokenLifetimeSeconds = parseTokenLifetime(lifetime);
  if (tokenLifetimeSeconds === null) throw new EnvironmentError('JWT_EXPIRES_IN must be a duration such as 15m, 900s or 900');

  const databaseUrl = read.url('DATABASE_URL', POSTGRES_PROTOCOLS, 'must be set to a postgres:// URL');
  if (databaseUrl === undefined) throw new EnvironmentError('DATABASE_URL must be set to a postgres:// URL');

  return {
    production: read.text('NODE_ENV') === 'production',
    authSecret,
    appUrl,
    tokenIssuer: read.text('JWT_ISSUER') ?? appUrl,
    tokenAudience: read.text('JWT_AUDIENCE') ?? appUrl,
    tokenLifetimeSeconds,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl,
    redisUrl: read.url('REDIS_URL', ['redis', 'rediss'], 'must be a redis:// or rediss:// URL'),
  };
}
