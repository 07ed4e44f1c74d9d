import { FixedWindowLimiters } from '@taskgate/rate-limits';
import type { Redis } from 'ioredis';

/** Better Auth's `rateLimit.customStorage`: one call per request, answering whether it may go on. */
type RateLimitStorage = {
  consume(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }>;
};

/**
 * Better Auth's rate limits (per address and route: sign-in, sign-up, …) in
 * Redis, so every frontend server replica counts together, on the same
 * fixed-window limiters as the backend's (libs/rate-limits): while Redis is
 * away each replica counts on its own, and nothing waits.
 */
export function redisRateLimitStorage(redis: Redis): RateLimitStorage {
  const limiters = new FixedWindowLimiters('taskgate:auth-rate', redis);
  return {
    async consume(key, rule) {
      const decision = await limiters.consume(key, rule.max, rule.window);
      return decision.allowed
        ? { allowed: true, retryAfter: null }
        : { allowed: false, retryAfter: Math.max(1, Math.ceil(decision.msBeforeReset / 1000)) };
    },
  };
}
