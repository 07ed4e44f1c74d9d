/**
 * What ended: one Better Auth session (its `id`, the API token's `sid`), or a
 * whole account (its user id, the API token's `sub`).
 */
export type RevocationKind = 'session' | 'user';

/** One entry of the revocation feed, as stored and as notified. */
export interface RevocationRecord {
  kind: RevocationKind;
  /** The session id (`sid`) or the user id (`sub`). */
  id: string;
  revokedAt: Date;
}

const KINDS: readonly string[] = ['session', 'user'] satisfies RevocationKind[];

/**
 * A record from a notification's payload (JSON `{ kind, id, revokedAt }`, as
 * the triggers send it), or null when the payload is not one: a listener
 * never trusts a channel's text blindly.
 */
export function parseRevocationRecord(payload: string): RevocationRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { kind, id, revokedAt } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) return null;
  if (typeof id !== 'string' || id === '') return null;
  const at = typeof revokedAt === 'string' ? new Date(revokedAt) : new Date(NaN);
  if (Number.isNaN(at.getTime())) return null;
  return { kind: kind as RevocationKind, id, revokedAt: at };
}

/**
 * How long a record must be kept: until no token it matches can still be
 * valid, the longest token lifetime plus the clock tolerance (API.md). Tokens
 * are only issued for live sessions, so every token a record matches was
 * issued before the record was written.
 */
export function revocationRetentionMs(tokenLifetimeSeconds: number, clockToleranceSeconds: number): number {
  return (tokenLifetimeSeconds + clockToleranceSeconds) * 1000;
}
