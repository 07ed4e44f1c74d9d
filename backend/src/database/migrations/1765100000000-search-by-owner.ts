import { MigrationInterface, QueryRunner } from 'typeorm';
import { buildIndexConcurrently } from '../build-index-concurrently';

/**
 * `q` answered from the owner's own tasks (issue 20; bench/README.md, "Data
 * scale"). The trigram index held every user's tasks, so a rare word was
 * found among all users' matches, then filtered to the owner's: on 500,000
 * tasks, 1,111 rows read for the 100 of a user with 100,000 tasks, and
 * 2.0 ms for a user with 50 tasks and no match at all. Its successor starts
 * with `user_id` (btree_gin) and reads only the owner's matches: 0.9 ms for
 * that user, 2.2 instead of 3.4 ms for the large one.
 *
 * Outside a transaction, like the migrations before it: the new index is
 * built CONCURRENTLY before the old one is dropped, so searches keep an
 * index throughout.
 */
export class SearchByOwner1765100000000 implements MigrationInterface {
  name = 'SearchByOwner1765100000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await buildIndexConcurrently(
      queryRunner,
      'tasks_user_text_trgm_idx',
      `tasks USING gin (user_id, lower(title) gin_trgm_ops, lower(description) gin_trgm_ops)`,
    );
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_text_trgm_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await buildIndexConcurrently(queryRunner, 'tasks_text_trgm_idx', `tasks USING gin (lower(title) gin_trgm_ops, lower(description) gin_trgm_ops)`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_text_trgm_idx`);
  }
}
