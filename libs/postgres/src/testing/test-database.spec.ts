import { Client } from 'pg';
import { createTestDatabase } from './test-database';

describe('createTestDatabase', () => {
  it('gives each caller an empty database of its own, and drops it after', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.name).not.toBe(second.name);
      await first.query('CREATE TABLE note (body text)');
      await first.query('INSERT INTO note VALUES ($1)', ['kept']);
      expect(await first.query('SELECT body FROM note')).toEqual([{ body: 'kept' }]);
      expect(await second.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`)).toEqual([{ tables: 0 }]);
    } finally {
      await second.drop();
    }
    const names = await first.adminQuery<{ datname: string }>('SELECT datname FROM pg_database');
    expect(names.map((row) => row.datname)).toContain(first.name);
    expect(names.map((row) => row.datname)).not.toContain(second.name);
    await first.drop();
    const client = new Client({ connectionString: first.url });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow();
  }, 120_000);
});
