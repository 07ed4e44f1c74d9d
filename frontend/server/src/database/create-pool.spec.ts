import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { createLogger } from '../logger';
import { createPool } from './create-pool';

// The sign-in server's pool keeps the connections a burst opened, as the
// backend's does (libs/postgres, kept-connections.ts): closing them 10 s
// after a burst stalled every request in flight.
describe('the sign-in server database pool', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, createLogger('error', () => undefined));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** The server processes behind `count` queries at once, each holding its connection a moment. */
  const burst = async (count: number) => {
    const answers = await Promise.all(
      Array.from({ length: count }, () => pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')),
    );
    return answers.map((answer) => answer.rows[0].pid).sort((a, b) => a - b);
  };

  it('keeps the connections a burst opened once they are idle', async () => {
    const first = await burst(6);
    expect(new Set(first).size).toBe(6);
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await burst(6)).toEqual(first);
  }, 30_000);
});
