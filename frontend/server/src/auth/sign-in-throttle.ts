import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** OWASP ASVS 5.0 V6.3.1: at most this many failed sign-ins an hour per account. */
export const FAILURES_PER_HOUR = 100;
/** Failures in a row an account may have before each further attempt must wait. */
const FREE_FAILURES = 5;
/** The longest wait between attempts: delays grow to this, never to a lock-out. */
const MAX_DELAY_SECONDS = 60;

/** Seconds to wait after the `failures`-th failure in a row: 0 for the first few, then 1, 2, 4 … up to a minute. */
export function delayAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

/**
 * Failed sign-ins counted per account, on top of Better Auth's limits per
 * address: six addresses guessing one password each no longer make six fresh
 * budgets. Each failure in a row beyond the first few makes the next attempt
 * wait longer (1 s, 2 s, 4 s … at most a minute), and an account takes at
 * most {@link FAILURES_PER_HOUR} failures an hour. A stranger can slow an
 * account's sign-in down, never lock its owner out for longer than that.
 *
 * Kept in Redis when `REDIS_URL` is set (every frontend server replica
 * counts together, with the same store as Better Auth's own limits), else in
 * memory. Accounts are keyed by a hash of the lower-cased email, so the
 * store never holds an address.
 */
export class SignInThrottle {
  private readonly failures: RateLimiterAbstract;
  private readonly inARow: RateLimiterAbstract;
  private readonly pause: RateLimiterAbstract;

  constructor(redis?: Redis) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix,
            points,
            duration,
            // While Redis is away, each replica counts on its own rather than not at all.
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.failures = limiter('signin-failures', FAILURES_PER_HOUR, 3600);
    this.inARow = limiter('signin-in-a-row', Number.MAX_SAFE_INTEGER, 3600);
    this.pause = limiter('signin-pause', 1, 1);
  }

  /** Seconds the account must wait before its next attempt; 0 when it may try now. */
  async waitSeconds(email: string): Promise<number> {
    const key = accountKey(email);
    const [hour, pause] = await Promise.all([this.failures.get(key), this.pause.get(key)]);
    const waits = [
      hour && hour.consumedPoints >= FAILURES_PER_HOUR ? hour.msBeforeNext : 0,
      pause && pause.consumedPoints > 1 ? pause.msBeforeNext : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  async failed(email: string): Promise<void> {
    const key = accountKey(email);
    await this.failures.penalty(key, 1);
    const { consumedPoints } = await this.inARow.penalty(key, 1);
    const delay = delayAfter(consumedPoints);
    if (delay > 0) await this.pause.block(key, delay);
  }

  async succeeded(email: string): Promise<void> {
    await this.inARow.delete(accountKey(email));
  }
}

function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}
