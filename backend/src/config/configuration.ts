import { API_TOKEN_DEFAULT_LIFETIME, parseTokenLifetime } from '@taskgate/api-contract';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentVariables, LogLevel } from './environment-variables';

/**
 * Everything the backend reads from its environment, validated once at
 * start-up. Nothing else in the backend reads `process.env`; `.env.example`
 * documents each variable.
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

/** Raised with a one-line message naming the offending variable. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export const DEFAULT_FRONTEND_URL = 'http://localhost:4200';
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

/** Reads and validates the environment; throws {@link ConfigurationError}. */
export function loadConfiguration(env: Record<string, string | undefined>): Configuration {
  const vars = plainToInstance(EnvironmentVariables, { ...env });
  const [failure] = validateSync(vars, { stopAtFirstError: true });
  if (failure) {
    const message = Object.values(failure.constraints ?? {})[0] ?? `${failure.property} is invalid`;
    throw new ConfigurationError(message);
  }
  const frontendUrl = vars.BETTER_AUTH_URL ?? DEFAULT_FRONTEND_URL;
  return {
    app: {
      production: vars.NODE_ENV === 'production',
      port: vars.BACKEND_PORT ?? 3000,
      host: vars.BACKEND_HOST ?? '0.0.0.0',
      corsOrigins: vars.CORS_ORIGINS?.length ? vars.CORS_ORIGINS : [new URL(frontendUrl).origin],
      rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      logLevel: vars.LOG_LEVEL ?? 'info',
    },
    auth: {
      secret: vars.BETTER_AUTH_SECRET,
      previousSecrets: vars.BETTER_AUTH_PREVIOUS_SECRETS ?? [],
      issuer: vars.JWT_ISSUER ?? frontendUrl,
      audience: vars.JWT_AUDIENCE ?? frontendUrl,
      tokenLifetimeSeconds: vars.JWT_EXPIRES_IN ?? (parseTokenLifetime(API_TOKEN_DEFAULT_LIFETIME) as number),
    },
    database: {
      url: vars.DATABASE_URL,
      listenUrl: vars.DATABASE_LISTEN_URL ?? vars.DATABASE_URL,
      // 20, not node-postgres's 10: a busy event loop holds each connection a
      // little past its query's answer (bench/README.md, "What made the difference").
      poolSize: vars.DATABASE_POOL_SIZE ?? 20,
    },
  };
}
