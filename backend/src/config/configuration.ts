import {
  type Environment,
  EnvironmentError,
  EnvironmentReader,
  type LogLevel,
  POSTGRES_PROTOCOLS,
  readSharedEnvironment,
} from '@taskgate/server-environment';
import { AUTH_SECRET_MIN_LENGTH } from '@taskgate/api-contract';

/**
 * Everything the backend reads from its environment, validated once at
 * start-up. Nothing else in the backend reads `process.env`; `.env.example`
 * documents each variable. The variables the frontend server reads too come
 * from `@taskgate/server-environment`, so the two cannot drift.
 */
export interface Configuration {
  app: {
    production: boolean;
    port: number;
    host: string;
    /** Origins allowed by CORS; default the frontend URL's origin. */
    corsOrigins: string[];
    /** Requests a minute per user (per IP before auth); 0 = off. */
    rateLimitPerMinute: number;
    logLevel: LogLevel;
    /** Redis for the per-user limit shared by every replica; unset, each process counts alone. */
    redisUrl?: string;
    /**
     * Where `GET /metrics` (Prometheus) listens, never the API's port:
     * `BACKEND_METRICS_PORT` (0: any free port) and `BACKEND_METRICS_HOST`
     * (default 127.0.0.1). Undefined when the port is unset: metrics off.
     */
    metrics?: { port: number; host: string };
  };
  auth: {
    /** The API token key is derived from it (HKDF); never used raw. */
    secret: string;
    /** Secrets whose derived keys are still accepted during a rotation. */
    previousSecrets: string[];
    issuer: string;
    audience: string;
    /**
     * The longest lifetime of an API token (`JWT_EXPIRES_IN`, the frontend
     * server's setting), in seconds: how long a revocation record matters.
     */
    tokenLifetimeSeconds: number;
  };
  database: {
    url: string;
    /** A direct connection for LISTEN (a transaction-mode pooler cannot hold one); default `url`. */
    listenUrl: string;
    poolSize: number;
  };
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

const CORS_ORIGIN = /^(\*|https?:\/\/[^/\s]+)$/;

/** Reads and validates the environment; throws an EnvironmentError naming the first bad variable. */
export function loadConfiguration(env: Environment): Configuration {
  const shared = readSharedEnvironment(env);
  const read = new EnvironmentReader(env);

  const corsOrigins = read.list('CORS_ORIGINS');
  if (!corsOrigins.every((origin) => CORS_ORIGIN.test(origin))) {
    throw new EnvironmentError('CORS_ORIGINS must list origins such as http://localhost:4200, comma-separated');
  }
  const previousSecrets = read.list('BETTER_AUTH_PREVIOUS_SECRETS');
  if (previousSecrets.some((secret) => secret.length < AUTH_SECRET_MIN_LENGTH)) {
    throw new EnvironmentError(`BETTER_AUTH_PREVIOUS_SECRETS must list secrets of at least ${AUTH_SECRET_MIN_LENGTH} characters each`);
  }

  const port = read.port('BACKEND_PORT', 3000);
  const metricsPort = read.optionalPort('BACKEND_METRICS_PORT');
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new EnvironmentError('BACKEND_METRICS_PORT must differ from BACKEND_PORT: metrics are never served on the API port');
  }

  return {
    app: {
      production: shared.production,
      port,
      host: read.text('BACKEND_HOST') ?? '0.0.0.0',
      corsOrigins: corsOrigins.length ? corsOrigins : [new URL(shared.appUrl).origin],
      rateLimitPerMinute: read.integer(
        'RATE_LIMIT_PER_MINUTE',
        DEFAULT_RATE_LIMIT_PER_MINUTE,
        { min: 0, max: 1_000_000_000 },
        'must be a whole number (0 switches rate limiting off)',
      ),
      logLevel: shared.logLevel,
      redisUrl: shared.redisUrl,
      metrics: metricsPort === undefined ? undefined : { port: metricsPort, host: read.text('BACKEND_METRICS_HOST') ?? '127.0.0.1' },
    },
    auth: {
      secret: shared.authSecret,
      previousSecrets,
      issuer: shared.tokenIssuer,
      audience: shared.tokenAudience,
      tokenLifetimeSeconds: shared.tokenLifetimeSeconds,
    },
    database: {
      url: shared.databaseUrl,
      listenUrl: read.url('DATABASE_LISTEN_URL', POSTGRES_PROTOCOLS, 'must be a postgres:// URL') ?? shared.databaseUrl,
      // 20, not node-postgres's 10: a busy event loop holds each connection a
      // little past its query's answer (bench/README.md, "What made the difference").
      poolSize: read.integer('DATABASE_POOL_SIZE', 20, { min: 1, max: 100 }, 'must be a whole number from 1 to 100'),
    },
  };
}
