import { MigrationInterface, QueryRunner } from 'typeorm';
import { buildIndexConcurrently } from '../build-index-concurrently';

/**
 * What keeps a list fast for a user with 100,000 tasks (issue 20; the
 * measurements are in bench/README.md, "Data scale"):
 *
 * - `task_counts`: how many tasks each user has per priority, kept by
 *   triggers in the transaction of every write that changes it (not a
 *   toggle), and an index of the completed tasks alone: an exact
 *   `X-Total-Count` without a search adds up at most three rows, and counts
 *   completed tasks from that index, never from every task of the user.
 * - A trigram index on the lowercased title and description (pg_trgm), so
 *   `q` with a rare word reads its few matches instead of every task of the
 *   user.
 * - The priority index in the order the list asks for by default
 *   (`priority DESC, id ASC`): with three distinct values, the ascending one
 *   left PostgreSQL sorting every task of the user.
 *
 * It runs outside a transaction so that the indexes can be built
 * CONCURRENTLY, without blocking writes on a large table. The counts are
 * filled while writes wait (SHARE lock), in one short transaction: the
 * triggers and the first totals must start from the same rows.
 */
export class ListsAtScale1764900000000 implements MigrationInterface {
  name = 'ListsAtScale1764900000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Not transactional as a whole: after a crash it runs again, and the
    // counts (table, triggers and totals, committed together) are skipped.
    const [{ counted }] = await queryRunner.query(`SELECT to_regclass('task_counts') IS NOT NULL AS counted`);
    if (!counted) await this.countTasks(queryRunner);

    await buildIndexConcurrently(
      queryRunner,
      'tasks_text_trgm_idx',
      `tasks USING gin (lower(title) gin_trgm_ops, lower(description) gin_trgm_ops)`,
    );
    await buildIndexConcurrently(queryRunner, 'tasks_user_priority_desc_idx', `tasks (user_id, priority DESC, id)`);
    // The completed tasks of a user, by priority: counted from this index alone.
    await buildIndexConcurrently(queryRunner, 'tasks_user_completed_idx', `tasks (user_id, priority) WHERE completed`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_priority_idx`);
  }

  private async countTasks(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.startTransaction();
    try {
      await queryRunner.query(`
        CREATE TABLE task_counts (
          user_id text NOT NULL,
          priority task_priority NOT NULL,
          slot smallint NOT NULL,
          tasks bigint NOT NULL,
          PRIMARY KEY (user_id, priority, slot)
        )`);
      // Inserts and deletes: statement triggers, which see the statement's
      // rows at once (erasing an account adds one delta per counter, not one
      // per task). Updates: a row trigger that fires only when a task changes
      // priority (or owner), so a toggle, the most frequent write, never
      // touches a counter (the completed ones are counted from
      // tasks_user_completed_idx instead). Deltas go in key order: two
      // writers lock counters in the same order and wait, never deadlock.
      // Each counter is 16 rows (slots, by server process), summed when read:
      // with one row, concurrent creates of one user waited on each other's
      // commit, and over a slow database path (faults suite, 400 ms a round
      // trip) 20 of them queued past the 1.5 s bound and were refused.
      await queryRunner.query(`
        CREATE FUNCTION task_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          s smallint := pg_backend_pid() % 16;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO task_counts AS c (user_id, priority, slot, tasks)
            SELECT user_id, priority, s, count(*) FROM added GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (user_id, priority, slot) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks;
          ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO task_counts AS c (user_id, priority, slot, tasks)
            SELECT user_id, priority, s, -count(*) FROM removed GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (user_id, priority, slot) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks;
          ELSE
            INSERT INTO task_counts AS c (user_id, priority, slot, tasks)
            SELECT * FROM (VALUES (OLD.user_id, OLD.priority, s, -1::bigint), (NEW.user_id, NEW.priority, s, 1::bigint)) AS delta
            ORDER BY 1, 2
            ON CONFLICT (user_id, priority, slot) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks;
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`LOCK TABLE tasks IN SHARE MODE`);
      await queryRunner.query(`
        CREATE TRIGGER task_counts_on_insert AFTER INSERT ON tasks
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION task_counts_follow()`);
      await queryRunner.query(`
        CREATE TRIGGER task_counts_on_delete AFTER DELETE ON tasks
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION task_counts_follow()`);
      await queryRunner.query(`
        CREATE TRIGGER task_counts_on_update AFTER UPDATE ON tasks FOR EACH ROW
        WHEN (OLD.priority IS DISTINCT FROM NEW.priority OR OLD.user_id IS DISTINCT FROM NEW.user_id)
        EXECUTE FUNCTION task_counts_follow()`);
      await queryRunner.query(`
        INSERT INTO task_counts (user_id, priority, slot, tasks)
        SELECT user_id, priority, 0, count(*) FROM tasks GROUP BY 1, 2`);
      await queryRunner.commitTransaction();
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_user_priority_idx ON tasks (user_id, priority, id)`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_priority_desc_idx`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_text_trgm_idx`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_completed_idx`);
    await queryRunner.query(`DROP TABLE task_counts`);
    await queryRunner.query(`DROP FUNCTION task_counts_follow() CASCADE`);
  }
}
