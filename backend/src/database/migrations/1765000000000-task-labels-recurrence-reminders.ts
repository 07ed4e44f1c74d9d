import { MigrationInterface, QueryRunner } from 'typeorm';
import { buildIndexConcurrently } from '../build-index-concurrently';

/**
 * API.md "Tasks, v1.1" (issue 21): labels, recurrence and reminders.
 *
 * - `tasks.labels`: the display names (the spelling the user first used),
 *   sorted by lower case, and `label_keys`, the same lower-cased
 *   (task_label_keys), kept by a trigger. A GIN index on (user_id,
 *   label_keys) (btree_gin for the user id), of the tasks that have labels,
 *   answers `?labels=a,b` without reading every task of the user.
 * - `task_labels`: per user and lower-cased key, the kept spelling and how
 *   many tasks carry it, kept exact by statement triggers in the transaction
 *   of every write, so `GET …/labels` reads a few rows instead of unnesting
 *   100,000 tasks. Only the rows of labels that a write adds or removes are
 *   touched: creates without labels and toggles never lock a label row (the
 *   lesson of task_counts' single hot row per user). A label whose count
 *   reaches 0 is deleted, and with it the spelling.
 * - `recurrence_every`/`recurrence_interval` and `remind_at`.
 *
 * Like 1764900000000 it runs outside a transaction: the new columns are
 * metadata-only (constant defaults), the constraints are added NOT VALID and
 * validated afterwards (no lock that stops writes while the table is read),
 * and the index is built CONCURRENTLY.
 */
export class TaskLabelsRecurrenceReminders1765000000000 implements MigrationInterface {
  name = 'TaskLabelsRecurrenceReminders1765000000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    const [{ done }] = await queryRunner.query(`SELECT to_regclass('task_labels') IS NOT NULL AS done`);
    if (!done) await this.addColumnsAndCounts(queryRunner);
    for (const constraint of ['tasks_labels_max', 'tasks_recurrence_whole', 'tasks_recurrence_needs_due_date']) {
      await queryRunner.query(`ALTER TABLE tasks VALIDATE CONSTRAINT ${constraint}`);
    }
    // Only tasks with labels: a task without any (most of them) costs no GIN
    // entry on write; every query on labels says `label_keys <> '{}'` to use it.
    await buildIndexConcurrently(queryRunner, 'tasks_user_label_keys_idx', `tasks USING gin (user_id, label_keys) WHERE label_keys <> '{}'`);
  }

  private async addColumnsAndCounts(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.startTransaction();
    try {
      // Lower-cased keys of a label array: what filters and the index compare.
      await queryRunner.query(`
        CREATE FUNCTION task_label_keys(labels text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT ARRAY(SELECT lower(label) FROM unnest(labels) AS label) $$`);
      await queryRunner.query(`
        ALTER TABLE tasks
          ADD COLUMN labels text[] NOT NULL DEFAULT '{}',
          ADD COLUMN label_keys text[] NOT NULL DEFAULT '{}',
          ADD COLUMN recurrence_every text,
          ADD COLUMN recurrence_interval smallint,
          ADD COLUMN remind_at timestamptz(3)`);
      // The database is the last wall behind the DTOs (CONTRIBUTING.md).
      await queryRunner.query(`
        ALTER TABLE tasks
          ADD CONSTRAINT tasks_labels_max CHECK (cardinality(labels) <= 20) NOT VALID,
          ADD CONSTRAINT tasks_recurrence_whole CHECK (
            (recurrence_every IS NULL AND recurrence_interval IS NULL)
            OR (recurrence_every IN ('day', 'week', 'month', 'year') AND recurrence_interval BETWEEN 1 AND 365)) NOT VALID,
          ADD CONSTRAINT tasks_recurrence_needs_due_date CHECK (recurrence_every IS NULL OR due_date IS NOT NULL) NOT VALID`);
      // label_keys: the lower-cased labels, stored, so that the index and a
      // filter compare plain arrays. Computed from labels on each row (a
      // function call per row in the index's recheck made a filter matching
      // 50,000 tasks take 90 ms instead of 15). Set by a trigger whenever
      // labels are written, so no statement can forget it; a toggle does not
      // name labels and does not fire it.
      await queryRunner.query(`
        CREATE FUNCTION tasks_label_keys_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.label_keys := task_label_keys(NEW.labels);
          RETURN NEW;
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER tasks_label_keys_on_insert BEFORE INSERT ON tasks FOR EACH ROW
        WHEN (NEW.labels <> '{}') EXECUTE FUNCTION tasks_label_keys_follow()`);
      await queryRunner.query(`
        CREATE TRIGGER tasks_label_keys_on_update BEFORE UPDATE OF labels ON tasks FOR EACH ROW
        WHEN (OLD.labels IS DISTINCT FROM NEW.labels) EXECUTE FUNCTION tasks_label_keys_follow()`);
      await queryRunner.query(`
        CREATE TABLE task_labels (
          user_id text NOT NULL,
          key text NOT NULL,
          name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
          tasks bigint NOT NULL DEFAULT 0,
          PRIMARY KEY (user_id, key)
        )`);
      // Statement triggers see all of a statement's rows at once (a rename
      // or an account's erasure adds one delta per label, not one per task).
      // Only keys whose count changes are written, in key order: writers
      // lock label rows in the same order and never deadlock on them. (No
      // CHECK on tasks: a negative delta is a proposed row, checked too.)
      await queryRunner.query(`
        CREATE FUNCTION task_labels_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          users text[];
          keys text[];
          names text[];
          deltas bigint[];
          gone_users text[];
          gone_keys text[];
        BEGIN
          -- Each branch names only its own transition tables (plpgsql plans a
          -- statement when it first runs).
          IF TG_OP = 'INSERT' THEN
            SELECT array_agg(user_id), array_agg(key), array_agg(name), array_agg(n) INTO users, keys, names, deltas
            FROM (SELECT user_id, lower(label) AS key, min(label) AS name, count(*) AS n
                  FROM added, unnest(labels) AS label GROUP BY 1, 2) d;
          ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(user_id), array_agg(key), array_agg(name), array_agg(n) INTO users, keys, names, deltas
            FROM (SELECT user_id, lower(label) AS key, min(label) AS name, -count(*) AS n
                  FROM removed, unnest(labels) AS label GROUP BY 1, 2) d;
          ELSE
            SELECT array_agg(user_id), array_agg(key), array_agg(name), array_agg(n) INTO users, keys, names, deltas
            FROM (SELECT user_id, key, min(name) AS name, sum(n) AS n FROM (
                    SELECT user_id, lower(label) AS key, label AS name, -1 AS n FROM before_rows, unnest(labels) AS label
                    UNION ALL
                    SELECT user_id, lower(label), label, 1 FROM after_rows, unnest(labels) AS label) x
                  GROUP BY 1, 2 HAVING sum(n) <> 0) d;
          END IF;
          IF users IS NULL THEN
            RETURN NULL;
          END IF;
          WITH changed AS (
            INSERT INTO task_labels AS c (user_id, key, name, tasks)
            SELECT * FROM unnest(users, keys, names, deltas) ORDER BY 1, 2
            ON CONFLICT (user_id, key) DO UPDATE SET tasks = c.tasks + EXCLUDED.tasks
            RETURNING c.user_id, c.key, c.tasks
          )
          SELECT array_agg(user_id), array_agg(key) INTO gone_users, gone_keys FROM changed WHERE tasks <= 0;
          -- A label on no task is forgotten, its spelling too; only rows this
          -- statement has just locked are deleted.
          IF gone_users IS NOT NULL THEN
            DELETE FROM task_labels c USING unnest(gone_users, gone_keys) AS g(user_id, key)
            WHERE c.user_id = g.user_id AND c.key = g.key AND c.tasks <= 0;
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER task_labels_on_insert AFTER INSERT ON tasks
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION task_labels_follow()`);
      await queryRunner.query(`
        CREATE TRIGGER task_labels_on_delete AFTER DELETE ON tasks
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION task_labels_follow()`);
      await queryRunner.query(`
        CREATE TRIGGER task_labels_on_update AFTER UPDATE ON tasks
        REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION task_labels_follow()`);
      await queryRunner.commitTransaction();
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_label_keys_idx`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS task_labels_on_insert ON tasks`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS task_labels_on_delete ON tasks`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS task_labels_on_update ON tasks`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS tasks_label_keys_on_insert ON tasks`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS tasks_label_keys_on_update ON tasks`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS tasks_label_keys_follow()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS task_labels_follow()`);
    await queryRunner.query(`DROP TABLE IF EXISTS task_labels`);
    await queryRunner.query(`
      ALTER TABLE tasks
        DROP COLUMN labels, DROP COLUMN label_keys, DROP COLUMN recurrence_every, DROP COLUMN recurrence_interval, DROP COLUMN remind_at`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS task_label_keys(text[])`);
  }
}
