/** SQLSTATEs after which the whole transaction may simply run again: deadlock_detected, serialization_failure. */
const RETRIABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

function codeOf(error: unknown): unknown {
  const { code, driverError } = (error ?? {}) as {
    code?: unknown;
    driverError?: { code?: unknown };
  };
  return code ?? driverError?.code;
}

/**
 * Runs a transaction, and runs it again (twice at most) when PostgreSQL broke
 * a deadlock by aborting it. Writers take label and task locks in one order
 * (labels.repository.ts), but a transaction of several statements (a
 * completion that changes labels, then inserts the next occurrence) can
 * still meet another in the opposite order; the aborted one rolled back
 * whole, so running it again is safe, and better than a 500.
 */
export async function retryingDeadlocks<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRIABLE.has(codeOf(error) as string)) throw error;
    }
  }
}
