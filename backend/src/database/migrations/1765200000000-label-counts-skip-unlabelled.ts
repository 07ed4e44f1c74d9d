import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The label counts' trigger function (task_labels_follow, migration
 * 1765000000000) returns at once when its statement touched no label: an
 * insert or delete of tasks without labels, an update that left every task's
 * labels as they were (a toggle, a change of title or due date). Before, it
 * worked out an empty change of the counts on every write.
 *
 * Measured with pgbench (10 clients, 5,000 tasks of 100 users, each write as
 * the API sends it, two 8-s turns; bench/README.md, "What a toggle pays
 * for"): toggles 5,225 and 5,271/s before, 5,981 and 5,867 after, 6,147 and
 * 6,237 with no such trigger at all; creates 5,461 and 5,311 before, 5,876 and
 * 5,671 after, 5,937 and 5,816 with none.
 *
 * PostgreSQL still fires the trigger on every statement (one with transition
 * tables cannot be limited to `UPDATE OF labels`) and fills its transition
 * tables; the check is one look at them. Replacing a function body is
 * instant, whatever the table holds.
 */
export class LabelCountsSkipUnlabelled1765200000000 implements MigrationInterface {
  name = 'LabelCountsSkipUnlabelled1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(labelCountsFollow({ returnEarly: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(labelCountsFollow({ returnEarly: false }));
  }
}

/** task_labels_follow(), with or without the early returns. */
function labelCountsFollow({ returnEarly }: { returnEarly: boolean }): string {
  const returnWhen = (nothingToCount: string) => (returnEarly ? `IF ${nothingToCount} THEN RETURN NULL; END IF;` : '');
  return `
    CREATE OR REPLACE FUNCTION task_labels_follow() RETURNS trigger LANGUAGE plpgsql AS $$
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
        ${returnWhen(`NOT EXISTS (SELECT FROM added WHERE labels <> '{}')`)}
        SELECT array_agg(user_id), array_agg(key), array_agg(name), array_agg(n) INTO users, keys, names, deltas
        FROM (SELECT user_id, lower(label) AS key, min(label) AS name, count(*) AS n
              FROM added, unnest(labels) AS label GROUP BY 1, 2) d;
      ELSIF TG_OP = 'DELETE' THEN
        ${returnWhen(`NOT EXISTS (SELECT FROM removed WHERE labels <> '{}')`)}
        SELECT array_agg(user_id), array_agg(key), array_agg(name), array_agg(n) INTO users, keys, names, deltas
        FROM (SELECT user_id, lower(label) AS key, min(label) AS name, -count(*) AS n
              FROM removed, unnest(labels) AS label GROUP BY 1, 2) d;
      ELSE
        ${returnWhen(`NOT EXISTS (SELECT FROM before_rows b JOIN after_rows a ON a.id = b.id WHERE a.labels IS DISTINCT FROM b.labels)`)}
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
    END $$`;
}
