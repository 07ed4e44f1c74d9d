import type { Server } from 'node:http';
import pg from 'pg';
import request from 'supertest';
import { REVOCATION_FEED } from '@taskgate/revocation-feed';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { createAuth, migrateAuth } from './create-auth';

// Every revoking endpoint of API.md, driven over HTTP against the real Better
// Auth on a real PostgreSQL: each must leave its record in the feed's table
// and notify the channel, in the same transaction as the change itself.

const ORIGIN = 'http://localhost:4200';
const PASSWORD = 'correct-horse-9';
const PROXY = ['127.0.0.1', '::1'];

let db: TestDatabase;
let pool: pg.Pool;
let server: Server;
let listener: pg.Client;
const notified: { kind: string; id: string }[] = [];
let address = 10;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const auth = createAuth({
    pool,
    secret: 'a-test-secret-that-is-long-enough-0123456789',
    baseUrl: ORIGIN,
    trustedOrigins: [],
    trustedProxies: PROXY,
    jwtIssuer: ORIGIN,
    jwtAudience: ORIGIN,
    tokenLifetimeSeconds: 900,
  });
  await migrateAuth(auth, pool);
  server = createApp({ checkDatabase: () => pool.query('SELECT 1'), auth, apiUrl: 'http://localhost:3000', https: false, trustedProxies: PROXY, logger: createLogger('silent') }).listen(0, '127.0.0.1');
  listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  listener.on('notification', (message) => notified.push(JSON.parse(message.payload ?? '{}')));
  await listener.query(`LISTEN ${REVOCATION_FEED.channel}`);
}, 60_000);

afterAll(async () => {
  await listener?.end();
  await new Promise((resolve) => server?.close(resolve));
  await pool?.end();
  await db?.drop();
});

/** One browser: its own cookie jar and client address. */
function browser() {
  const agent = request.agent(server);
  const ip = `198.51.100.${address++}`;
  return {
    post: (path: string, body: object = {}) => agent.post(path).set('Origin', ORIGIN).set('X-Forwarded-For', ip).send(body),
    get: (path: string) => agent.get(path).set('X-Forwarded-For', ip),
    async sessionId(): Promise<string> {
      const res = await agent.get('/api/auth/get-session').set('X-Forwarded-For', ip);
      return res.body.session.id;
    },
  };
}

/** A new person signed in on `count` browsers; returns the user id and the browsers. */
async function personOn(count: number) {
  const email = `p${Date.now()}${address}@example.test`;
  const first = browser();
  const signUp = await first.post('/api/auth/sign-up/email', { name: 'Pat', email, password: PASSWORD });
  expect(signUp.status).toBe(200);
  const browsers = [first];
  for (let i = 1; i < count; i++) {
    const other = browser();
    expect((await other.post('/api/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(200);
    browsers.push(other);
  }
  return { userId: signUp.body.user.id as string, browsers, sessionIds: await Promise.all(browsers.map((b) => b.sessionId())) };
}

async function recorded(kind: string, ids: string[]): Promise<string[]> {
  const { rows } = await pool.query(`SELECT id FROM ${REVOCATION_FEED.table} WHERE kind = $1 AND id = ANY($2) ORDER BY id`, [kind, ids]);
  return rows.map((row) => row.id);
}

async function heard(kind: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!ids.every((id) => notified.some((n) => n.kind === kind && n.id === id))) {
    if (Date.now() > deadline) throw new Error(`no notification for ${kind} ${ids.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the revocation feed, written by each revoking endpoint', () => {
  it('POST /api/auth/sign-out records the session it ended, and only that one', async () => {
    const { browsers, sessionIds } = await personOn(2);
    expect((await browsers[0].post('/api/auth/sign-out')).status).toBe(200);
    expect(await recorded('session', sessionIds)).toEqual([sessionIds[0]]);
    await heard('session', [sessionIds[0]]);
  });

  it('POST /api/auth/revoke-session-by-id records the chosen session; another user\'s id is a 404 that ends nothing', async () => {
    const { browsers, sessionIds } = await personOn(2);
    const stranger = await personOn(1);
    const foreign = await browsers[0].post('/api/auth/revoke-session-by-id', { id: stranger.sessionIds[0] });
    expect(foreign.status).toBe(404);
    expect(await recorded('session', stranger.sessionIds)).toEqual([]);

    const res = await browsers[0].post('/api/auth/revoke-session-by-id', { id: sessionIds[1] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: true });
    expect(await recorded('session', sessionIds)).toEqual([sessionIds[1]]);
    await heard('session', [sessionIds[1]]);
    expect((await browsers[1].get('/api/auth/token')).status).toBe(401);
    expect((await browsers[0].get('/api/auth/token')).status).toBe(200);
  });

  it('POST /api/auth/revoke-session-by-id refuses a body without an id', async () => {
    const { browsers, sessionIds } = await personOn(1);
    expect((await browsers[0].post('/api/auth/revoke-session-by-id', {})).status).toBe(400);
    expect(await recorded('session', sessionIds)).toEqual([]);
  });

  it('POST /api/auth/revoke-sessions records every session, this one included', async () => {
    const { browsers, sessionIds } = await personOn(3);
    expect((await browsers[1].post('/api/auth/revoke-sessions')).status).toBe(200);
    expect(await recorded('session', sessionIds)).toEqual([...sessionIds].sort());
    await heard('session', sessionIds);
  });

  it('POST /api/auth/revoke-other-sessions records the others, not this one', async () => {
    const { browsers, sessionIds } = await personOn(3);
    expect((await browsers[0].post('/api/auth/revoke-other-sessions')).status).toBe(200);
    expect(await recorded('session', sessionIds)).toEqual(sessionIds.slice(1).sort());
  });

  it('POST /api/auth/change-password with revokeOtherSessions records the other sessions', async () => {
    const { browsers, sessionIds } = await personOn(2);
    const res = await browsers[0].post('/api/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'another-horse-10',
      revokeOtherSessions: true,
    });
    expect(res.status).toBe(200);
    // Better Auth replaces the current session too when it revokes the others.
    const ended = await recorded('session', sessionIds);
    expect(ended).toContain(sessionIds[1]);
    expect((await browsers[0].get('/api/auth/token')).status).toBe(200);
    expect((await browsers[1].get('/api/auth/token')).status).toBe(401);
  });

  it('POST /api/auth/delete-user records the account and its sessions, and queues its erasure', async () => {
    const { userId, browsers, sessionIds } = await personOn(2);
    const res = await browsers[0].post('/api/auth/delete-user', { password: PASSWORD });
    expect(res.status).toBe(200);
    expect(await recorded('user', [userId])).toEqual([userId]);
    expect(await recorded('session', sessionIds)).toEqual([...sessionIds].sort());
    const erasures = await pool.query(`SELECT user_id FROM ${REVOCATION_FEED.erasureTable} WHERE user_id = $1`, [userId]);
    expect(erasures.rowCount).toBe(1);
    await heard('user', [userId]);
  });

  it('POST /api/auth/delete-user without the password, or with a wrong one, deletes nothing', async () => {
    const { userId, browsers } = await personOn(1);
    const bare = await browsers[0].post('/api/auth/delete-user', {});
    expect(bare.status).toBe(400);
    const wrong = await browsers[0].post('/api/auth/delete-user', { password: 'not-my-password-1' });
    expect(wrong.status).toBe(400);
    expect(await recorded('user', [userId])).toEqual([]);
    expect((await browsers[0].get('/api/auth/token')).status).toBe(200);
  });

  it('a record and its notification commit with the delete, or not at all', async () => {
    const { sessionIds } = await personOn(1);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM "session" WHERE id = $1', [sessionIds[0]]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await recorded('session', sessionIds)).toEqual([]);
    expect(notified.some((n) => n.id === sessionIds[0])).toBe(false);
  });
});
