import { Redis } from 'ioredis';

/** Where a server says what happened to its Redis: once when it goes away, once when it is back. */
export interface RedisOutageLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
}

/** The longest a request waits on Redis before its limit is counted in memory instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * The Redis client both servers count their limits in. Nothing waits for it:
 * no offline queue (a command while disconnected fails at once), a command
 * that gets no answer fails after {@link REDIS_COMMAND_TIMEOUT_MS}, and the
 * limiters then count in memory (see {@link FixedWindowLimiters}). An outage
 * is logged once when it starts and once when it ends, not per request or
 * per reconnect attempt.
 */
export function connectSharedRedis(url: string, log: RedisOutageLog): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 1_000,
    // Reconnect every second at most, for as long as it takes.
    retryStrategy: (attempt) => Math.min(attempt * 200, 1_000),
  });
  let away = false;
  redis.on('error', (error: Error) => {
    if (away) return;
    away = true;
    log.warn('redis unavailable: rate limits count per process until it is back', { error: error.name });
  });
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    log.info('redis is back: rate limits are shared again');
  });
  return redis;
}
