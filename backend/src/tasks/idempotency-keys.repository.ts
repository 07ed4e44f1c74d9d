import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** API.md: keys are remembered at least 24 h. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
/** A claim this old with no response belongs to a request that died; it may be taken over. */
const ABANDONED_CLAIM_SECONDS = 60;

/** The outcome of claiming a key: ours to use, or what an earlier request left. */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; status: number; body: unknown; etag: string };

/** Idempotency keys of creates, kept in PostgreSQL so any replica sees them. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(@InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>) {}

  /**
   * Claims `key` for a new request (committed at once, so a concurrent repeat
   * sees it in flight), or reports what holds it. Expired and abandoned
   * claims are taken over.
   */
  async claim(userId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed = await this.keys.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, expires_at)
         VALUES ($1, $2, $3, now() + interval '${IDEMPOTENCY_KEY_TTL_HOURS} hours')
         ON CONFLICT (user_id, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, response_status = NULL, response_body = NULL,
               response_etag = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE idempotency_keys.expires_at < now()
              OR (idempotency_keys.response_status IS NULL
                  AND idempotency_keys.created_at < now() - interval '${ABANDONED_CLAIM_SECONDS} seconds')
         RETURNING 1`,
        [userId, key, fingerprint],
      );
      if (claimed.length > 0) return { state: 'claimed' };
      const [held] = await this.keys.query(
        `SELECT fingerprint, response_status AS status, response_body AS body, response_etag AS etag
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key],
      );
      // Released between the two statements: try to claim it again.
      if (!held) continue;
      return held.status === null
        ? { state: 'in-flight', fingerprint: held.fingerprint }
        : { state: 'completed', fingerprint: held.fingerprint, status: held.status, body: held.body, etag: held.etag };
    }
    return { state: 'in-flight', fingerprint };
  }

  /** Records the response, in the transaction that created the task. */
  async complete(manager: EntityManager, userId: string, key: string, status: number, body: unknown, etag: string) {
    await manager.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4, response_etag = $5
       WHERE user_id = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body), etag],
    );
  }

  /** Frees a claim whose request failed, so a retry can run. */
  async release(userId: string, key: string): Promise<void> {
    await this.keys.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND response_status IS NULL`, [
      userId,
      key,
    ]);
  }

  async deleteExpired(): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.keys.query(`DELETE FROM idempotency_keys WHERE expires_at < now()`);
    return deleted;
  }
}
