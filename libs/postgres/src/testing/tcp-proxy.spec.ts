import { Client, type QueryResult } from 'pg';
import { TcpProxy } from './tcp-proxy';
import { createTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
let proxy: TcpProxy;
const clients: Client[] = [];

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: proxy.urlFor(db.url), connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

/** What a query's promise does within `ms`: its rows, its error, or 'no answer'. */
function within(ms: number, query: Promise<QueryResult>): Promise<unknown> {
  return Promise.race([
    query.then((result) => result.rows, (error: Error) => error),
    new Promise((resolve) => setTimeout(() => resolve('no answer'), ms)),
  ]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  proxy = await TcpProxy.forUrl(db.url);
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await proxy?.close();
  await db?.drop();
});

afterEach(() => proxy.restore());

describe('TcpProxy', () => {
  it('forwards queries to the database', async () => {
    const client = await connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('freezes: an open connection gets no answer and a new one never completes, until restored', async () => {
    const client = await connect();
    await proxy.freeze();
    expect(await within(500, client.query('SELECT 1'))).toBe('no answer');
    await expect(connect()).rejects.toThrow(/timeout/i);
    await proxy.restore();
    expect((await (await connect()).query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it('cuts: open connections fail and new ones are closed at once', async () => {
    const client = await connect();
    await proxy.cut();
    expect(await within(500, client.query('SELECT 1'))).toBeInstanceOf(Error);
    const started = Date.now();
    await expect(connect()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('holds answers back by delayMs', async () => {
    const client = await connect();
    proxy.delayMs = 300;
    try {
      expect(await within(100, client.query('SELECT 1'))).toBe('no answer');
    } finally {
      proxy.delayMs = 0;
    }
  });
});
