import { QueryRunner } from 'typeorm';

/**
 * CREATE INDEX CONCURRENTLY, safe to run again: a build that was interrupted
 * leaves an INVALID index behind, which is dropped and built anew.
 */
export async function buildIndexConcurrently(queryRunner: QueryRunner, name: string, definition: string): Promise<void> {
  const [existing] = await queryRunner.query(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`,
    [name],
  );
  if (existing?.valid) return;
  if (existing) await queryRunner.query(`DROP INDEX CONCURRENTLY ${name}`);
  await queryRunner.query(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
}
