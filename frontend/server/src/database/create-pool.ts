import pg from 'pg';
import type { Logger } from '../logger';

/**
 * How long a request waits for a new database connection. pg's default is to
 * wait forever, so a database behind a dropped network path hung sign-in; this
 * turns it into an error the server answers as 503 well inside the UI's patience.
 */
export const CONNECT_TIMEOUT_MS = 2_000;

/** The pg Pool Better Auth runs on; main.ts and the tests build it the same way. */
export function createPool(databaseUrl: string, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client whose connection drops emits here; without a listener the
  // process would crash. The message only: driver errors can echo addresses.
  pool.on('error', (error) => logger.error('database pool error', { error: error.message }));
  return pool;
}
