import { MigrationInterface, QueryRunner } from 'typeorm';
import { buildIndexConcurrently } from '../build-index-concurrently';

/**
 * A search's `X-Total-Count` counted from an index, without reading a task
 * (issue 20; bench/README.md, "Data scale"). Counting the matches of a word
 * found in every one of 100,000 tasks read each task and lowercased its
 * title: 65 ms of PostgreSQL time on the bench machine. From this index,
 * which holds the lowercased title and description beside the owner, an
 * index-only scan counts them in 28 ms (both p50 of 15, alternated, in one
 * hour). The trigram index still finds a rare word (1 to 3 ms).
 *
 * A B-tree entry must fit in 2,704 bytes, and a task's text may not: a
 * 1,000-character description is up to 4,000 bytes. So the index holds the
 * tasks whose owner, title and description together take at most 850
 * bytes (almost every task). An entry holds that text once as written and
 * once lowercased, and lowercasing at most doubles UTF-8 text in any
 * locale (Turkish lowercases I, 1 byte, to ı, 2; elsewhere the most is Ⱥ,
 * 2 bytes, to ⱥ, 3), so an entry stays under 3 × 850 bytes plus ~70 of
 * headers. The others, found by a small index of their own, are read as
 * before; a count adds the two (task-sql.ts, countMatches). `completed`,
 * `priority` and `due_date` ride along, so a search with a status, priority
 * or due filter is counted from the index too (one with labels reads the
 * rows).
 *
 * Outside a transaction, like the migrations before it: CONCURRENTLY, so
 * writes go on while the indexes are built (1.1 s for 500,000 tasks).
 */
export class SearchCountsFromAnIndex1765300000000 implements MigrationInterface {
  name = 'SearchCountsFromAnIndex1765300000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    const textBytes = `octet_length(user_id) + octet_length(title) + octet_length(coalesce(description, ''))`;
    await buildIndexConcurrently(
      queryRunner,
      'tasks_user_search_count_idx',
      `tasks (user_id, lower(title), lower(description)) INCLUDE (title, description, completed, priority, due_date)
       WHERE ${textBytes} <= 850`,
    );
    await buildIndexConcurrently(queryRunner, 'tasks_user_long_text_idx', `tasks (user_id) WHERE ${textBytes} > 850`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_long_text_idx`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS tasks_user_search_count_idx`);
  }
}
