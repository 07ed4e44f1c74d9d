import type { Redis } from 'ioredis';

type RateLimitStorage = {
  consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }>;
};

const PREFIX = 'taskgate:auth-rate:';

/**
 * Better Auth's rate limits (per address and route) in Redis, so that every
 * frontend server replica counts together: a fixed window per key, counted
 * and started in one round trip (INCR, then EXPIRE only when the key is new).
 */
export function redisRateLimitStorage(redis: Redis): RateLimitStorage {
  return {
    async consume(key, rule) {
      const name = PREFIX + key;
      const replies = await redis.multi().incr(name).expire(name, rule.window, 'NX').ttl(name).exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      if (count <= rule.max) return { allowed: true, retryAfter: null };
      const ttl = Number(replies?.[2]?.[1] ?? rule.window);
      return { allowed: false, retryAfter: ttl > 0 ? ttl : rule.window };
    },
  };
}
