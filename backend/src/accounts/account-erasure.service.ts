import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REVOCATION_FEED } from '@taskgate/revocation-feed';
import { DataSource } from 'typeorm';
import { RevocationFeed } from '../auth/revocation-feed';
import { IdempotencyKeyEntity } from '../tasks/idempotency-key.entity';
import { TaskEntity } from '../tasks/task.entity';

/** How often queued erasures are looked for even when no notification came. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Erases a deleted account's data from the tasks store (API.md: "Deleting an
 * account erases its tasks, labels and idempotency records ... exactly
 * once"). The frontend server's deletion queues the account in the feed's
 * erasure table, in the transaction that deletes the user; each backend
 * works the queue when the feed says an account went, after each catch-up
 * (so at start, for deletions made while no backend ran), and once a minute.
 *
 * Each account is erased in one transaction that also removes its queue
 * entry: a crash leaves either everything or nothing done, and `SKIP LOCKED`
 * lets replicas share the queue without erasing one account twice.
 */
@Injectable()
export class AccountErasureService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AccountErasure');
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RevocationFeed) private readonly revocations: RevocationFeed,
  ) {}

  onApplicationBootstrap(): void {
    this.revocations.onAccountDeleted(() => void this.eraseQueued());
    setInterval(() => void this.eraseQueued(), SWEEP_EVERY_MS).unref();
    void this.eraseQueued();
  }

  /** Works the queue until it is empty; concurrent calls share one run (and ask for one more). */
  eraseQueued(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        while (await this.eraseOne()) {
          // next account
        }
      } while (this.again);
    })()
      .catch((error: Error) => this.logger.warn(`account erasure postponed: ${error.message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Erases the oldest queued account; false when none is left (or all are taken by other replicas). */
  private eraseOne(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [queued] = await manager.query(
        `SELECT user_id FROM ${REVOCATION_FEED.erasureTable} ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!queued) return false;
      const userId: string = queued.user_id;
      await manager.delete(IdempotencyKeyEntity, { userId });
      await manager.delete(TaskEntity, { userId });
      // Its per-user totals (zero now, but they still name the account), and
      // its labels (the triggers drop a label on no task; this catches any row left).
      await manager.query(`DELETE FROM task_counts WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM task_labels WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM ${REVOCATION_FEED.erasureTable} WHERE user_id = $1`, [userId]);
      this.logger.log('erased a deleted account\'s tasks');
      return true;
    });
  }
}
