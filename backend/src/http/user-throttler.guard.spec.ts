import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, Throttle, ThrottlerException } from '@nestjs/throttler';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';
import { UserThrottlerGuard } from './user-throttler.guard';

class Tasks {
  list() {
    return [];
  }
  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  strict() {
    return [];
  }
  @SkipThrottle()
  health() {
    return 'ok';
  }
}

/** A request for a handler of Tasks by a user (or an anonymous client), and the headers its answer got. */
function call(handler: keyof Tasks, user?: string) {
  const headers: Record<string, string | number> = {};
  const request = { user: user ? { id: user } : undefined, ip: '203.0.113.7', headers: {} };
  const reply = { header: (name: string, value: string | number) => (headers[name] = value) };
  const context = {
    getHandler: () => Tasks.prototype[handler],
    getClass: () => Tasks,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

describe('UserThrottlerGuard', () => {
  let storage: FixedWindowThrottlerStorage;
  let guard: UserThrottlerGuard;
  beforeEach(async () => {
    storage = new FixedWindowThrottlerStorage();
    guard = new UserThrottlerGuard({ throttlers: [{ ttl: 60_000, limit: 3 }] }, storage, new Reflector());
    await guard.onModuleInit();
  });
  afterEach(() => storage.onApplicationShutdown());

  it('gives each user one budget across routes, with the rate-limit headers, then 429 with Retry-After', async () => {
    const first = call('list', 'ada');
    await expect(guard.canActivate(first.context)).resolves.toBe(true);
    expect(first.headers).toEqual({ 'X-RateLimit-Limit': 3, 'X-RateLimit-Remaining': 2, 'X-RateLimit-Reset': 60 });
    // @Throttle on this route allows one request a minute: this is ada's second.
    const strict = call('strict', 'ada');
    await expect(guard.canActivate(strict.context)).rejects.toBeInstanceOf(ThrottlerException);
    expect(strict.headers['Retry-After']).toBe(60);
    await expect(guard.canActivate(call('list', 'ada').context)).resolves.toBe(true);
    const fourth = call('list', 'ada');
    await expect(guard.canActivate(fourth.context)).rejects.toBeInstanceOf(ThrottlerException);
    expect(fourth.headers['Retry-After']).toBe(60);
    // Another user, and the same address without a user, have budgets of their own.
    await expect(guard.canActivate(call('list', 'grace').context)).resolves.toBe(true);
    await expect(guard.canActivate(call('list').context)).resolves.toBe(true);
  });

  it('never counts a route marked @SkipThrottle', async () => {
    for (let i = 0; i < 5; i++) {
      const { context, headers } = call('health', 'ada');
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(headers).toEqual({});
    }
    await expect(guard.canActivate(call('list', 'ada').context)).resolves.toBe(true);
  });

  it('counts nothing when skipIf says so (RATE_LIMIT_PER_MINUTE=0)', async () => {
    const off = new UserThrottlerGuard({ throttlers: [{ ttl: 60_000, limit: 1 }], skipIf: () => true }, storage, new Reflector());
    await off.onModuleInit();
    for (let i = 0; i < 3; i++) await expect(off.canActivate(call('list', 'ada').context)).resolves.toBe(true);
  });
});
