/**
 * node-postgres pool option: a connection, once opened, stays open (so a pool
 * holds at most its `max`, as HikariCP does by default). By default pg-pool
 * closes each connection after 10 s idle: 10 s after a burst, a dozen
 * PostgreSQL backends ended at once and every request in flight waited
 * 100-380 ms for them (the backend at 100 requests/s: p99 16-73 ms, 7.5-8.6
 * ms with this; bench/README.md, "Latency after a burst"), and the next burst
 * paid again for connecting and for preparing its statements.
 */
export const KEPT_CONNECTIONS = { idleTimeoutMillis: 0 } as const;
