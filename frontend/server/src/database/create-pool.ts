import pg from 'pg';
import { boundedWaitOptions, KEPT_CONNECTIONS } from '@taskgate/postgres';
import type { Logger } from '../logger';

/** The pg Pool Better Auth runs on; main.ts and the tests build it the same way. */
export function createPool(databaseUrl: string, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    // pg waits forever by default, so a frozen network path hung sign-in;
    // every wait is bounded and answered 503 (libs/postgres, bounded-waits.ts).
    ...boundedWaitOptions(),
    // Connections stay open once made (libs/postgres, kept-connections.ts).
    ...KEPT_CONNECTIONS,
  });
  // An idle client whose connection drops emits here; without a listener the
  // process would crash. The message only: driver errors can echo addresses.
  pool.on('error', (error) => logger.error('database pool error', { error: error.message }));
  return pool;
}
