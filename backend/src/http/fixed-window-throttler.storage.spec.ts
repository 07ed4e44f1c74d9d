import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';

describe('FixedWindowThrottlerStorage', () => {
  let storage: FixedWindowThrottlerStorage;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    storage = new FixedWindowThrottlerStorage();
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('counts hits per key and blocks past the limit until the window ends', async () => {
    for (let i = 1; i <= 3; i++) {
      await expect(storage.increment('user:a', 60_000, 3, 60_000, 'default')).resolves.toEqual({
        totalHits: i,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    jest.advanceTimersByTime(20_000);
    await expect(storage.increment('user:a', 60_000, 3, 60_000, 'default')).resolves.toEqual({
      totalHits: 4,
      timeToExpire: 40,
      isBlocked: true,
      timeToBlockExpire: 40,
    });
    await expect(storage.increment('user:b', 60_000, 3, 60_000, 'default')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a new window once the old one has ended', async () => {
    for (let i = 0; i < 4; i++) await storage.increment('user:a', 1_000, 3, 1_000, 'default');
    jest.advanceTimersByTime(1_000);
    await expect(storage.increment('user:a', 1_000, 3, 1_000, 'default')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets ended windows', async () => {
    await storage.increment('user:a', 1_000, 3, 1_000, 'default');
    jest.advanceTimersByTime(2_500);
    expect((storage as unknown as { windows: Map<string, unknown> }).windows.size).toBe(0);
  });
});
