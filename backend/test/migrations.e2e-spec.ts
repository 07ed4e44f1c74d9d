import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { ListeningApp, startAppOn } from './support/app-on-database';
import { bearer, newUserId, tokenFor } from './support/tokens';

// Migrations run at start-up, before the app's pool exists (database/migrate.ts).
describe('migrations at start-up', () => {
  let db: TestDatabase;
  const apps: ListeningApp[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('lets replicas started together on an empty database all come up, each migration applied once', async () => {
    apps.push(...(await Promise.all([startAppOn(db.url), startAppOn(db.url), startAppOn(db.url)])));
    const applied = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(['CreateTasks1763800000000']);
    const user = newUserId('migrated');
    for (const app of apps) {
      const res = await fetch(`${app.url}/api/${user}/tasks`, { method: 'POST', headers: { ...bearer(tokenFor(user)), 'Content-Type': 'application/json' }, body: '{"title":"after migrating"}' });
      expect(res.status).toBe(201);
    }
  });
});
