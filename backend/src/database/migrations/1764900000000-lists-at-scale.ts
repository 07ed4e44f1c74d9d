import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps a list fast for a user with 100,000 tasks (issue 20; the
 * measurements are in bench/README.md, "Data scale"):
 *
 * - `task_counts`: how many tasks each user has per (completed, priority),
 *   kept by statement triggers in the transaction of every write, so an exact
 *   `X-Total-Count` without a search reads at most six rows, not 100,000.
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
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_priority_idx`);
  }

  private async countTasks(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.startTransaction();
    try {
      await queryRunner.query(`
        CREATE TABLE task_counts (
          user_id text NOT NULL,
          completed boolean NOT NULL,
          priority task_priority NOT NULL,
          tasks bigint NOT NULL,
          PRIMARY KEY (user_id, completed, priority)
        )`);
      // Statement triggers see the statement's rows at once (a bulk write adds
      // one delta per counter, not one per task). An update that moves no
      // task between counters (a title edit) changes nothing: its deltas add
      // up to zero. (A column list, AFTER UPDATE OF, cannot go with
      // transition tables.) Deltas applied in key order: two writers always lock counters in the
      // same order, so they wait for each other instead of deadlocking.
      await queryRunner.query(`
        CREATE FUNCTION task_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO task_counts AS c (user_id, completed, priority, tasks)
            SELECT user_id, completed, priority, count(*) FROM added GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (user_id, completed, priority) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks;
          ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO task_counts AS c (user_id, completed, priority, tasks)
            SELECT user_id, completed, priority, -count(*) FROM removed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (user_id, completed, priority) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks;
          ELSE
            INSERT INTO task_counts AS c (user_id, completed, priority, tasks)
            SELECT user_id, completed, priority, sum(delta) FROM (
              SELECT user_id, completed, priority, 1 AS delta FROM added
              UNION ALL
              SELECT user_id, completed, priority, -1 FROM removed
            ) AS changes
            GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
            ON CONFLICT (user_id, completed, priority) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks;
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
        CREATE TRIGGER task_counts_on_update AFTER UPDATE ON tasks
        REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION task_counts_follow()`);
      await queryRunner.query(`
        INSERT INTO task_counts (user_id, completed, priority, tasks)
        SELECT user_id, completed, priority, count(*) FROM tasks GROUP BY 1, 2, 3`);
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
    await queryRunner.query(`DROP TABLE task_counts`);
    await queryRunner.query(`DROP FUNCTION task_counts_follow() CASCADE`);
  }
}

/**
 * CREATE INDEX CONCURRENTLY, safe to run again: a build that was interrupted
 * leaves an INVALID index behind, which is dropped and built anew.
 */
async function buildIndexConcurrently(queryRunner: QueryRunner, name: string, definition: string): Promise<void> {
  const [existing] = await queryRunner.query(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`,
    [name],
  );
  if (existing?.valid) return;
  if (existing) await queryRunner.query(`DROP INDEX CONCURRENTLY ${name}`);
  await queryRunner.query(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
}
