import { startTestApp, TestApp } from './support/test-app';
import { apiUser } from './support/tasks-client';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /api/{user_id}/tasks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a task with defaults: 201, Location, ETag, the task, and stores it', async () => {
    const user = apiUser(t.http);
    const response = await user.create({ title: 'Write the quarterly report' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      userId: user.id,
      title: 'Write the quarterly report',
      description: null,
      completed: false,
      priority: 'medium',
      dueDate: null,
      completedAt: null,
      createdAt: expect.stringMatching(ISO),
      updatedAt: response.body.createdAt,
      labels: [],
      recurrence: null,
      remindAt: null,
    });
    expect(response.headers['location']).toBe(`${user.base}/${response.body.id}`);
    expect(response.headers['etag']).toMatch(/^"[^"]+"$/);
    const [stored] = await t.db.query('SELECT user_id, title FROM tasks WHERE id = $1', [response.body.id]);
    expect(stored).toEqual({ user_id: user.id, title: 'Write the quarterly report' });
    const fetched = await t.http.get(response.headers['location']).set(user.auth);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('accepts every field, trims the title and stores an empty description as null', async () => {
    const user = apiUser(t.http);
    const response = await user.create({ title: '  Padded  ', description: '', completed: true, priority: 'high', dueDate: '2024-02-29' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ title: 'Padded', description: null, completed: true, priority: 'high', dueDate: '2024-02-29' });
    expect(response.body.completedAt).toMatch(ISO);
  });

  it('counts lengths in code points: 200 emoji are a valid title, 201 are not', async () => {
    const user = apiUser(t.http);
    expect((await user.create({ title: '😀'.repeat(200) })).status).toBe(201);
    expect((await user.create({ title: '😀'.repeat(201) })).status).toBe(400);
    expect((await user.create({ title: 'x', description: '😀'.repeat(1000) })).status).toBe(201);
    expect((await user.create({ title: 'x', description: 'd'.repeat(1001) })).status).toBe(400);
  });

  it.each([
    ['no title', {}, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a null title', { title: null }, 'title'],
    ['a title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
    ['a numeric title', { title: 42 }, 'title'],
    ['a title with NUL', { title: 'a\u0000b' }, 'title'],
    ['a title with a lone surrogate', { title: 'a\ud800b' }, 'title'],
    ['a description with NUL', { title: 'x', description: 'a\u0000' }, 'description'],
    ['a numeric description', { title: 'x', description: 5 }, 'description'],
    ['completed as a string', { title: 'x', completed: 'true' }, 'completed'],
    ['completed null', { title: 'x', completed: null }, 'completed'],
    ['an unknown priority', { title: 'x', priority: 'urgent' }, 'priority'],
    ['priority in capitals', { title: 'x', priority: 'HIGH' }, 'priority'],
    ['priority null', { title: 'x', priority: null }, 'priority'],
    ['dueDate ""', { title: 'x', dueDate: '' }, 'dueDate'],
    ['dueDate 2026-02-30', { title: 'x', dueDate: '2026-02-30' }, 'dueDate'],
    ['dueDate 2025-02-29', { title: 'x', dueDate: '2025-02-29' }, 'dueDate'],
    ['dueDate 2026-13-01', { title: 'x', dueDate: '2026-13-01' }, 'dueDate'],
    ['dueDate 0000-01-01', { title: 'x', dueDate: '0000-01-01' }, 'dueDate'],
    ['dueDate with a time', { title: 'x', dueDate: '2026-12-01T00:00:00Z' }, 'dueDate'],
    ['dueDate as a number', { title: 'x', dueDate: 20261201 }, 'dueDate'],
    ['an id', { title: 'x', id: '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11' }, 'id'],
    ['a userId', { title: 'x', userId: 'someone' }, 'userId'],
    ['a completedAt', { title: 'x', completedAt: '2026-01-01T00:00:00.000Z' }, 'completedAt'],
    ['a createdAt', { title: 'x', createdAt: '2026-01-01T00:00:00.000Z' }, 'createdAt'],
    ['an updatedAt', { title: 'x', updatedAt: '2026-01-01T00:00:00.000Z' }, 'updatedAt'],
    ['an unknown field', { title: 'x', colour: 'red' }, 'colour'],
    ['a __proto__ field', JSON.parse('{"title":"x","__proto__":{"admin":true}}'), '__proto__'],
  ])('answers 400 problem+json for %s, naming the field, and stores nothing', async (_name, body, field) => {
    const user = apiUser(t.http);
    const response = await user.create(body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, instance: user.base });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await t.db.query('SELECT 1 FROM tasks WHERE user_id = $1', [user.id])).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', '{"title": '],
    ['an array', '[{"title":"x"}]'],
    ['a string', '"title"'],
    ['null', 'null'],
    ['an empty body', ''],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
  ])('answers 400 for a body that is %s', async (_name, raw) => {
    const user = apiUser(t.http);
    const response = await t.http.post(user.base).set(user.auth).set('Content-Type', 'application/json').send(raw);
    expect(response.status).toBe(400);
    expect(response.body.status).toBe(400);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=latin1'])(
    'answers 415 for a %s body',
    async (contentType) => {
      const user = apiUser(t.http);
      const response = await t.http.post(user.base).set(user.auth).set('Content-Type', contentType).send('{"title":"x"}');
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    },
  );

  it('accepts application/json with a utf-8 charset, in any case', async () => {
    const user = apiUser(t.http);
    const response = await t.http.post(user.base).set(user.auth).set('Content-Type', 'Application/JSON; charset=UTF-8').send('{"title":"x"}');
    expect(response.status).toBe(201);
  });

  it('answers 415 for a body with no Content-Type', async () => {
    const user = apiUser(t.http);
    const response = await t.http.post(user.base).set(user.auth).send(Buffer.from('{"title":"x"}'));
    expect(response.status).toBe(415);
  });

  it('answers 413 for a body over 64 KiB, and 201 for one just under', async () => {
    const user = apiUser(t.http);
    const big = JSON.stringify({ title: 'x', description: 'y'.repeat(70 * 1024) });
    const tooLarge = await t.http.post(user.base).set(user.auth).set('Content-Type', 'application/json').send(big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ status: 413, title: 'Payload Too Large' });
    const padded = `{"title":"x"${' '.repeat(64 * 1024 - 20)}}`;
    const fits = await t.http.post(user.base).set(user.auth).set('Content-Type', 'application/json').send(padded);
    expect(fits.status).toBe(201);
  });

  describe('with Idempotency-Key', () => {
    it('answers a repeat with the same body with the original task, creating nothing more', async () => {
      const user = apiUser(t.http);
      const send = () => t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'key-1').send({ title: 'Once', priority: 'low' });
      const first = await send();
      const again = await send();
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['location']).toBe(first.headers['location']);
      expect(again.headers['etag']).toBe(first.headers['etag']);
      expect(await t.db.query('SELECT id FROM tasks WHERE user_id = $1', [user.id])).toHaveLength(1);
    });

    it('treats the same JSON in another key order as the same body', async () => {
      const user = apiUser(t.http);
      const first = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'k').set('Content-Type', 'application/json').send('{"title":"a","priority":"high"}');
      const again = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'k').set('Content-Type', 'application/json').send('{ "priority": "high", "title": "a" }');
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
    });

    it('answers 422 for the same key with another body, and creates nothing', async () => {
      const user = apiUser(t.http);
      await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'key-2').send({ title: 'First' });
      const response = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'key-2').send({ title: 'Second' });
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await t.db.query('SELECT title FROM tasks WHERE user_id = $1', [user.id])).toEqual([{ title: 'First' }]);
    });

    it('scopes keys to the user', async () => {
      const alice = apiUser(t.http, 'alice');
      const bob = apiUser(t.http, 'bob');
      const a = await t.http.post(alice.base).set(alice.auth).set('Idempotency-Key', 'shared').send({ title: 'A' });
      const b = await t.http.post(bob.base).set(bob.auth).set('Idempotency-Key', 'shared').send({ title: 'B' });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.userId).toBe(bob.id);
    });

    it('answers 409 while the first request with the key is still in flight, 422 to another body, and creates nothing', async () => {
      const user = apiUser(t.http);
      // A claim with no response yet is exactly what an in-flight request leaves.
      await t.db.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, expires_at) VALUES ($1, 'busy', $2, now() + interval '1 hour')`,
        [user.id, await fingerprintOf(user, { title: 'x' })],
      );
      const inFlight = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'busy').send({ title: 'x' });
      expect(inFlight.status).toBe(409);
      expect(inFlight.headers['content-type']).toMatch(/^application\/problem\+json/);
      const other = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'busy').send({ title: 'y' });
      expect(other.status).toBe(422);
      expect(await t.db.query('SELECT 1 FROM tasks WHERE user_id = $1', [user.id])).toHaveLength(0);
    });

    it('creates exactly one task when the same request races itself', async () => {
      const user = apiUser(t.http);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'race').send({ title: 'Race' })),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      expect(statuses).toContain(201);
      const created = new Set(responses.filter((response) => response.status === 201).map((response) => response.body.id));
      expect(created.size).toBe(1);
      expect(await t.db.query('SELECT 1 FROM tasks WHERE user_id = $1', [user.id])).toHaveLength(1);
    });

    it('lets a key be used again once it has expired', async () => {
      const user = apiUser(t.http);
      await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'old').send({ title: 'Old' });
      await t.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      const response = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'old').send({ title: 'New' });
      expect(response.status).toBe(201);
      expect(response.body.title).toBe('New');
    });

    it('remembers keys for at least 24 hours', async () => {
      const user = apiUser(t.http);
      await t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'ttl').send({ title: 'x' });
      const [{ hours }] = await t.db.query<{ hours: number }>(
        `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM idempotency_keys WHERE user_id = $1`,
        [user.id],
      );
      expect(Number(hours)).toBeGreaterThanOrEqual(24);
    });

    it.each([
      ['empty', ''],
      ['256 characters', 'k'.repeat(256)],
      ['non-ASCII', 'clé'],
      ['a control character', 'a\tb'],
    ])('answers 400 for a key that is %s', async (_name, key) => {
      const user = apiUser(t.http);
      const response = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', key).send({ title: 'x' });
      expect(response.status).toBe(400);
      expect(await t.db.query('SELECT 1 FROM tasks WHERE user_id = $1', [user.id])).toHaveLength(0);
    });

    it('accepts a key of 255 printable characters', async () => {
      const user = apiUser(t.http);
      const response = await t.http.post(user.base).set(user.auth).set('Idempotency-Key', '~'.repeat(255)).send({ title: 'x' });
      expect(response.status).toBe(201);
    });
  });

  /** The fingerprint the server stores for a body: learnt by using a throw-away key. */
  async function fingerprintOf(user: ReturnType<typeof apiUser>, body: object): Promise<string> {
    const probe = `probe-${Date.now()}`;
    await t.http.post(user.base).set(user.auth).set('Idempotency-Key', probe).send(body);
    const [{ fingerprint }] = await t.db.query<{ fingerprint: string }>(
      'SELECT fingerprint FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [user.id, probe],
    );
    await t.db.query('DELETE FROM tasks WHERE user_id = $1', [user.id]);
    return fingerprint;
  }
});
