import type { Express } from 'express';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { createApp } from './app';
import { createAuth, migrateAuth } from './auth/create-auth';
import type { ServerConfig } from './config/server-config';
import { createPool } from './database/create-pool';
import type { Logger } from './logger';

/**
 * The frontend server from its configuration: the database pool, Better Auth
 * (migrated), and the Express app. main.ts and the tests build it the same
 * way; only listening and shutting down are main.ts's own.
 */
export async function createServer(
  config: ServerConfig,
  logger: Logger,
  browserDir?: string,
): Promise<{ app: Express; pool: Pool; redis?: Redis }> {
  const pool = createPool(config.databaseUrl, logger);
  // No offline queue: while Redis is away a limit check fails at once and the
  // limiters fall back to counting in memory, rather than requests waiting.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn('redis unavailable', { error: error.name }));
  const auth = createAuth({
    pool,
    secret: config.authSecret,
    baseUrl: config.authUrl,
    trustedOrigins: config.trustedOrigins,
    trustedProxies: config.trustedProxies,
    jwtIssuer: config.jwtIssuer,
    jwtAudience: config.jwtAudience,
    jwtExpiresIn: config.jwtExpiresIn,
    logger,
    redis,
  });
  await migrateAuth(auth, pool);
  const app = createApp({
    auth,
    apiUrl: config.apiUrl,
    https: config.authUrl.startsWith('https:'),
    trustedProxies: config.trustedProxies,
    logger,
    browserDir,
  });
  return { app, pool, redis };
}
