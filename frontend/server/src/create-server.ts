import type { Express } from 'express';
import { connectSharedRedis } from '@taskgate/rate-limits';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { createApp } from './app';
import { createAuth, migrateAuth } from './auth/create-auth';
import type { ServerConfig } from './config/server-config';
import { createPool } from './database/create-pool';
import type { Logger } from './logger';
import { createFrontendMetrics, type FrontendMetrics } from './metrics/frontend-metrics';

/**
 * The frontend server from its configuration: the database pool, Better Auth
 * (migrated), the Express app, and its metrics when FRONTEND_METRICS_PORT is
 * set. main.ts and the tests build it the same way; only listening (the
 * metrics listener too) and shutting down are main.ts's own.
 */
export async function createServer(
  config: ServerConfig,
  logger: Logger,
  browserDir?: string,
): Promise<{ app: Express; pool: Pool; redis?: Redis; metrics?: FrontendMetrics }> {
  const pool = createPool(config.databaseUrl, logger);
  const metrics = config.metrics ? createFrontendMetrics(pool) : undefined;
  // Never waited for: while Redis is away the limiters count in memory (libs/rate-limits).
  const redis = config.redisUrl ? connectSharedRedis(config.redisUrl, logger) : undefined;
  const auth = createAuth({
    pool,
    secret: config.authSecret,
    baseUrl: config.authUrl,
    trustedOrigins: config.trustedOrigins,
    trustedProxies: config.trustedProxies,
    jwtIssuer: config.jwtIssuer,
    jwtAudience: config.jwtAudience,
    tokenLifetimeSeconds: config.tokenLifetimeSeconds,
    logger,
    redis,
    onSignInThrottled: metrics && (() => metrics.rateLimited('sign_in_account')),
  });
  await migrateAuth(auth, pool);
  const app = createApp({
    checkDatabase: () => pool.query('SELECT 1'),
    auth,
    apiUrl: config.apiUrl,
    https: config.authUrl.startsWith('https:'),
    trustedProxies: config.trustedProxies,
    logger,
    browserDir,
    metrics,
  });
  return { app, pool, redis, metrics };
}
