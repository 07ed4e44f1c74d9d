import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An `Idempotency-Key` seen on a create, per user. While `responseStatus` is
 * null the first request is still in flight.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 of the request body's canonical JSON. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'response_etag', type: 'text', nullable: true })
  responseEtag!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
