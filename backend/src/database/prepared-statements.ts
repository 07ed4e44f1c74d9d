import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ISO_VALUES } from './iso-values';

// Text → name, for the whole process.
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `taskgate_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs SQL as named prepared statements on TypeORM's own pg pool (or on the
 * connection of the transaction `manager` belongs to). PostgreSQL then parses
 * and plans each distinct statement once per connection instead of on every
 * request: for the list query that was more work than running it (the
 * benchmark's list throughput went from ~1,550 to ~2,800 requests/s).
 *
 * A statement's name is given by its text, one name per distinct text in the
 * whole process (pg refuses a name already prepared on a connection for
 * another text, and every caller shares TypeORM's connections). Texts must
 * be built from fixed fragments only, values always passed as parameters: the
 * set of texts, and so of statements each connection keeps, stays small and
 * bounded.
 *
 * Both runners read timestamps and dates as the API's ISO strings (iso-values.ts).
 */
export async function runPrepared<Row extends QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: unknown[],
  /** A longer client-side wait than the pool's, for a statement known to be long (set statement_timeout to match). */
  timeoutMs?: number,
): Promise<QueryResult<Row>> {
  const query = { name: nameOf(text), text, values, types: ISO_VALUES, ...(timeoutMs ? { query_timeout: timeoutMs } : {}) };
  return (await executorOf(manager)).query<Row>(query);
}

/**
 * Runs SQL planned for its values each time (an unnamed statement), for a
 * query whose best plan depends on them: a prepared statement soon settles on
 * one generic plan that cannot tell a rare search word from a common one.
 */
export async function runPlannedEachTime<Row extends QueryResultRow>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<QueryResult<Row>> {
  return (await executorOf(manager)).query<Row>({ text, values, types: ISO_VALUES });
}

/** In a transaction, its connection (connect() hands back the one it holds); else the pool. */
async function executorOf(manager: EntityManager): Promise<Pool | PoolClient> {
  const runner = manager.queryRunner;
  return runner?.isTransactionActive ? runner.connect() : (manager.connection.driver as PostgresDriver).master;
}
