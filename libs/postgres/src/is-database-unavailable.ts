/** Codes that mean the server cannot be reached or will not serve us right now. */
const UNAVAILABLE_CODES = new Set([
  // Socket level: the host cannot be reached, or the connection dropped.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // PostgreSQL SQLSTATEs (besides class 08, connection exception).
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled: a statement_timeout, the database too slow to answer
]);

/** pg reports lost or timed-out connections as plain Errors with these messages. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  // pg's query_timeout: the answer never came (a frozen network path).
  /query read timeout/i,
  /connection.*(closed|ended)/i,
  /Client has encountered a connection error/i,
  /is not currently accepting connections/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * True when the error, or one it wraps (TypeORM's `driverError`, an Error's
 * `cause`), says PostgreSQL cannot be reached right now: the case for a 503
 * and a retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = driverError ?? cause;
  }
  return false;
}
