import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { connectSharedRedis, FixedWindowLimiters } from '@taskgate/rate-limits';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The per-user limit counted in Redis (`REDIS_URL`), so N backend replicas
 * enforce one `RATE_LIMIT_PER_MINUTE`, not N. Fixed windows, as
 * {@link FixedWindowThrottlerStorage} counts them in memory; while Redis is
 * away each replica counts on its own (libs/rate-limits) and nothing waits.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly limiters: FixedWindowLimiters;

  constructor(redisUrl: string) {
    const logger = new Logger('RateLimits');
    this.redis = connectSharedRedis(redisUrl, {
      warn: (message: string, fields?: Record<string, unknown>) => logger.warn(`${message} ${JSON.stringify(fields ?? {})}`),
      info: (message: string) => logger.log(message),
    });
    this.limiters = new FixedWindowLimiters('taskgate:api-rate', this.redis);
  }

  // Like the memory storage, a blocked key stays blocked until its window
  // ends, whatever blockDuration says.
  readonly increment: ThrottlerStorage['increment'] = async (key, ttl, limit): Promise<ThrottlerStorageRecord> => {
    const decision = await this.limiters.consume(key, limit, Math.ceil(ttl / 1000));
    const timeToExpire = Math.max(1, Math.ceil(decision.msBeforeReset / 1000));
    return { totalHits: decision.hits, timeToExpire, isBlocked: !decision.allowed, timeToBlockExpire: decision.allowed ? 0 : timeToExpire };
  };

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
