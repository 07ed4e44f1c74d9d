/**
 * The revocation feed's storage, defined once for both servers: the frontend
 * server's database writes it, every backend reads it (API.md, "Sessions and
 * revocation").
 *
 * The records are written by row triggers on Better Auth's own `session` and
 * `user` tables, not by Better Auth's database hooks: most of Better Auth's
 * deletes (sign-out, revoke, revoke-all, the sessions a password change ends,
 * account deletion) do not run in a transaction, so a hook's insert would be a
 * statement of its own that a crash could lose. A trigger's insert and
 * notification commit with the very delete that caused them, whichever code
 * path (bulk deletes included) issued it.
 */
export const REVOCATION_FEED = {
  /** Ended sessions and deleted accounts, newest first by `revoked_at`. */
  table: 'api_token_revocations',
  /** `LISTEN`/`NOTIFY` channel; each payload is one record as JSON. */
  channel: 'taskgate_api_token_revocations',
  /** Accounts whose tasks are still to be erased (a durable to-do list for the backend). */
  erasureTable: 'account_erasures',
} as const;

/** What both servers need to exist before they use the feed; idempotent. */
const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS ${REVOCATION_FEED.table} (
  kind text NOT NULL CHECK (kind IN ('session', 'user')),
  id text NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS ${REVOCATION_FEED.table}_revoked_at ON ${REVOCATION_FEED.table} (revoked_at);
CREATE TABLE IF NOT EXISTS ${REVOCATION_FEED.erasureTable} (
  user_id text PRIMARY KEY,
  requested_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;

/**
 * One function for both triggers: records what ended and notifies the
 * listeners, in the transaction of the delete. A session deleted twice (a
 * repeated sign-out) keeps its first record.
 */
const TRIGGERS_SQL = `
CREATE OR REPLACE FUNCTION taskgate_record_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  revoked_kind text := TG_ARGV[0];
  revoked_at timestamptz;
BEGIN
  INSERT INTO ${REVOCATION_FEED.table} (kind, id) VALUES (revoked_kind, OLD.id)
    ON CONFLICT (kind, id) DO NOTHING
    RETURNING ${REVOCATION_FEED.table}.revoked_at INTO revoked_at;
  IF revoked_kind = 'user' THEN
    INSERT INTO ${REVOCATION_FEED.erasureTable} (user_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
  END IF;
  IF revoked_at IS NOT NULL THEN
    PERFORM pg_notify('${REVOCATION_FEED.channel}',
      json_build_object('kind', revoked_kind, 'id', OLD.id, 'revokedAt', revoked_at)::text);
  END IF;
  RETURN OLD;
END
$$;
CREATE OR REPLACE TRIGGER taskgate_session_revoked AFTER DELETE ON "session"
  FOR EACH ROW EXECUTE FUNCTION taskgate_record_revocation('session');
CREATE OR REPLACE TRIGGER taskgate_user_deleted AFTER DELETE ON "user"
  FOR EACH ROW EXECUTE FUNCTION taskgate_record_revocation('user');
`;

/** Serialises concurrent installers (two replicas starting at once). */
const INSTALL_LOCK_KEY = 7_301_150_001;

/** The part of a pg client the installer needs. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Creates the feed's tables (every server) and, with `triggers`, the triggers
 * on Better Auth's tables (the frontend server, after Better Auth's own
 * migrations). One transaction under an advisory lock; idempotent. `client`
 * must be one connection, not a pool.
 */
export async function installRevocationFeed(client: SqlClient, options: { triggers: boolean }): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK_KEY]);
    await client.query(TABLES_SQL);
    if (options.triggers) await client.query(TRIGGERS_SQL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Every record still in force, oldest first: `$1` is the oldest `revoked_at` that still matters. */
export const REVOCATIONS_SINCE_SQL = `SELECT kind, id, revoked_at AS "revokedAt" FROM ${REVOCATION_FEED.table} WHERE revoked_at >= $1 ORDER BY revoked_at`;

/** Drops records no token can match any more: `$1` as above. */
export const PRUNE_REVOCATIONS_SQL = `DELETE FROM ${REVOCATION_FEED.table} WHERE revoked_at < $1`;
