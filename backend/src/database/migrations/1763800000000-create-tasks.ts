import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tasks table and the idempotency keys of creates. Text lengths are
 * checked here as well as in the DTOs: the database is the last wall.
 */
export class CreateTasks1763800000000 implements MigrationInterface {
  name = 'CreateTasks1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An enum sorts by declaration order, so ORDER BY priority ranks low < medium < high.
    await queryRunner.query(`CREATE TYPE task_priority AS ENUM ('low', 'medium', 'high')`);
    await queryRunner.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL CHECK (user_id <> ''),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text CHECK (char_length(description) BETWEEN 1 AND 1000),
        completed boolean NOT NULL DEFAULT false,
        priority task_priority NOT NULL DEFAULT 'medium',
        due_date date,
        completed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (completed = (completed_at IS NOT NULL))
      )`);
    // Every list is one user's; these serve the default order (created, desc)
    // and the other sort keys, each ending in the id tie-breaker.
    await queryRunner.query(`CREATE INDEX tasks_user_created_idx ON tasks (user_id, created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX tasks_user_updated_idx ON tasks (user_id, updated_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX tasks_user_title_idx ON tasks (user_id, lower(title) COLLATE "C", id)`);
    await queryRunner.query(`CREATE INDEX tasks_user_due_date_idx ON tasks (user_id, due_date, id)`);
    await queryRunner.query(`CREATE INDEX tasks_user_priority_idx ON tasks (user_id, priority, id)`);

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        user_id text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        response_status smallint,
        response_body jsonb,
        response_etag text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE tasks`);
    await queryRunner.query(`DROP TYPE task_priority`);
  }
}
