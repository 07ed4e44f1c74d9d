import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What one counted request learns. */
export interface LimitDecision {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  msBeforeReset: number;
}

/**
 * Fixed-window counters per key in Redis, for the limits every replica must
 * count together (the backend's per-user API limit, Better Auth's
 * per-address limits): N replicas enforce one limit, not N. Built on
 * rate-limiter-flexible; while Redis is away each replica counts in its own
 * memory (the insurance limiter), so requests keep being served, with a
 * limit per replica for at most the outage, and nothing waits. Without
 * `REDIS_URL` the servers keep their in-process counters and never build one.
 */
export class FixedWindowLimiters {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly keyPrefix: string,
    private readonly redis: Redis,
  ) {}

  /** Counts one request for `key` against `points` per `durationSeconds`. */
  async consume(key: string, points: number, durationSeconds: number): Promise<LimitDecision> {
    try {
      const res = await this.limiter(points, durationSeconds).consume(key);
      return { allowed: true, hits: res.consumedPoints, msBeforeReset: res.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, hits: rejection.consumedPoints, msBeforeReset: rejection.msBeforeNext };
      }
      // Neither store answered (cannot happen with the insurance limiter,
      // but a limit must never turn into an outage): let the request through.
      return { allowed: true, hits: 0, msBeforeReset: durationSeconds * 1000 };
    }
  }

  private limiter(points: number, duration: number): RateLimiterAbstract {
    const name = `${points}/${duration}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const keyPrefix = `${this.keyPrefix}:${name}`;
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix,
        points,
        duration,
        // Not connected: count in memory at once rather than wait.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
