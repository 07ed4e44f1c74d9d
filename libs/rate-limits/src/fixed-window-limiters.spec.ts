import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { FixedWindowLimiters } from './fixed-window-limiters';
import { connectSharedRedis, type RedisOutageLog } from './shared-redis';

// A real Redis: the machine's (REDIS_URL, CI starts one) or 127.0.0.1:6379.
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const quiet: RedisOutageLog = { warn: () => undefined, info: () => undefined };
const clients: Redis[] = [];
const connect = (url = REDIS_URL, log = quiet) => {
  const redis = connectSharedRedis(url, log);
  clients.push(redis);
  return redis;
};
const ready = (redis: Redis) => (redis.status === 'ready' ? Promise.resolve() : new Promise((resolve) => redis.once('ready', resolve)));

afterAll(() => Promise.all(clients.map((redis) => redis.quit().catch(() => redis.disconnect()))));

describe('FixedWindowLimiters in Redis', () => {
  it('counts one limit across replicas: 5 allowed in total, whichever replica counts', async () => {
    const [a, b, c] = [connect(), connect(), connect()];
    await Promise.all([a, b, c].map(ready));
    const prefix = `test-${randomUUID()}`;
    const replicas = [a, b, c].map((redis) => new FixedWindowLimiters(prefix, redis));
    const decisions = [];
    for (let i = 0; i < 9; i++) decisions.push(await replicas[i % 3].consume('user-1', 5, 60));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false, false, false]);
    expect(decisions.map((d) => d.hits)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decisions[8].msBeforeReset).toBeGreaterThan(55_000);
    // Another key, another budget.
    expect((await replicas[0].consume('user-2', 5, 60)).allowed).toBe(true);
  });

  it('keeps serving, counting in memory, when Redis cannot be reached, and says so once', async () => {
    const warnings: string[] = [];
    const redis = connect('redis://127.0.0.1:1', { warn: (message) => void warnings.push(message), info: () => undefined });
    const limiters = new FixedWindowLimiters(`test-${randomUUID()}`, redis);
    const started = Date.now();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiters.consume('user-1', 3, 60));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(warnings).toHaveLength(1);
  });

  describe('with a Redis that stops answering (connections open, no byte back)', () => {
    let frozen: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      frozen = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => frozen.close(resolve));
    });

    it('answers within the command timeout from memory', async () => {
      const redis = connect(`redis://127.0.0.1:${(frozen.address() as AddressInfo).port}`);
      const limiters = new FixedWindowLimiters(`test-${randomUUID()}`, redis);
      const started = Date.now();
      const decision = await limiters.consume('user-1', 3, 60);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(decision.allowed).toBe(true);
    });
  });
});
