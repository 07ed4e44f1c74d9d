import { API_TOKEN_MAX_BYTES } from '@taskgate/api-contract';
import { Redis } from 'ioredis';
import { startAuthServer, TEST_PASSWORD, type AuthServer } from '../testing/auth-server';
import { EMAIL_MAX_LENGTH, NAME_MAX_CODE_POINTS } from './account-fields';

// The attack run against the frontend server (issue: "The auth server under
// attack"), one finding per describe, each against the real Better Auth on a
// real PostgreSQL (and a real Redis where the limit is shared).

let unique = 0;
const emailFor = (label: string) => `${label}-${process.pid}-${Date.now()}-${unique++}@example.test`;

describe('what ends up in a token is bounded on the server', () => {
  let auth: AuthServer;
  beforeAll(async () => {
    auth = await startAuthServer();
  }, 60_000);
  afterAll(() => auth.close());

  it('issues a token under the backend\'s 8 KiB limit for the largest name and email allowed', async () => {
    const name = '\u{1F600}'.repeat(NAME_MAX_CODE_POINTS);
    const local = 'a'.repeat(64);
    const email = `${local}@${'b'.repeat(EMAIL_MAX_LENGTH - local.length - 1 - 5)}.test`;
    const browser = auth.browser();
    const signUp = await browser.post('/api/auth/sign-up/email', { name, email, password: TEST_PASSWORD });
    expect(signUp.status).toBe(200);
    const token = (await browser.get('/api/auth/token')).body.token as string;
    expect(Buffer.byteLength(token)).toBeLessThan(API_TOKEN_MAX_BYTES);
  });

  it.each([
    ['one code point too many', 'x'.repeat(NAME_MAX_CODE_POINTS + 1)],
    ['10,000 characters', 'n'.repeat(10_000)],
    ['a control character', 'Ada\u0007'],
    ['only spaces', '   '],
  ])('refuses a name of %s at sign-up and stores nothing', async (_label, name) => {
    const email = emailFor('name');
    const res = await auth.browser().post('/api/auth/sign-up/email', { name, email, password: TEST_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_NAME');
    const { rowCount } = await auth.pool.query('SELECT 1 FROM "user" WHERE email = $1', [email]);
    expect(rowCount).toBe(0);
  });

  it('stores a name trimmed, and bounds it on update too', async () => {
    const email = emailFor('trim');
    const browser = auth.browser();
    expect((await browser.post('/api/auth/sign-up/email', { name: '  Ada  ', email, password: TEST_PASSWORD })).status).toBe(200);
    expect((await auth.pool.query('SELECT name FROM "user" WHERE email = $1', [email])).rows[0].name).toBe('Ada');

    const tooLong = await browser.post('/api/auth/update-user', { name: 'y'.repeat(NAME_MAX_CODE_POINTS + 1) });
    expect(tooLong.status).toBe(400);
    expect((await auth.pool.query('SELECT name FROM "user" WHERE email = $1', [email])).rows[0].name).toBe('Ada');
  });

  it('refuses an email over 254 characters', async () => {
    const email = `${'c'.repeat(EMAIL_MAX_LENGTH)}@example.test`;
    const res = await auth.browser().post('/api/auth/sign-up/email', { name: 'Long', email, password: TEST_PASSWORD });
    expect(res.status).toBe(400);
  });
});

describe('common passwords', () => {
  let auth: AuthServer;
  beforeAll(async () => {
    auth = await startAuthServer();
  }, 60_000);
  afterAll(() => auth.close());

  it.each(['12345678', 'password', 'iloveyou', 'qwertyuiop', 'PassWord'])('refuses %j at sign-up with a clear message', async (password) => {
    const res = await auth.browser().post('/api/auth/sign-up/email', { name: 'Pat', email: emailFor('common'), password });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PASSWORD_TOO_COMMON', message: expect.stringMatching(/common passwords/) });
  });

  it('refuses one at password change, and keeps the old password', async () => {
    const email = emailFor('change');
    const browser = auth.browser();
    expect((await browser.post('/api/auth/sign-up/email', { name: 'Pat', email, password: TEST_PASSWORD })).status).toBe(200);
    const res = await browser.post('/api/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'qwertyuiop' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('PASSWORD_TOO_COMMON');
    expect((await auth.browser().post('/api/auth/sign-in/email', { email, password: TEST_PASSWORD })).status).toBe(200);
  });
});

describe('no redirect leaves the app', () => {
  let auth: AuthServer;
  beforeAll(async () => {
    auth = await startAuthServer();
  }, 60_000);
  afterAll(() => auth.close());

  it('has switched off the routes that need a mailer (the reported redirect among them)', async () => {
    const res = await auth.browser().get('/api/auth/verify-email?token=x&callbackURL=/.//evil.example/x');
    expect(res.status).toBe(404);
    expect(res.headers['location']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const path of ['/api/auth/request-password-reset', '/api/auth/reset-password', '/api/auth/send-verification-email']) {
      expect((await auth.browser().post(path, { email: 'x@example.test', redirectTo: '/' })).status).toBe(404);
    }
  });

  it.each(['/.//evil.example/x', '/x/..//evil.example', '/a/b/../..//evil.example', '/%2e//evil.example', '//evil.example/x', '/\\evil.example', 'https://evil.example/x'])(
    'refuses callbackURL %j and signs nobody in',
    async (callbackURL) => {
      const email = emailFor('redirect');
      const res = await auth.browser().post('/api/auth/sign-up/email', { name: 'Pat', email, password: TEST_PASSWORD, callbackURL });
      // 400 from our check, or 403 from Better Auth's own origin check, which some meet first.
      expect([400, 403]).toContain(res.status);
      expect((await auth.pool.query('SELECT 1 FROM "user" WHERE email = $1', [email])).rowCount).toBe(0);
    },
  );

  it('takes a plain path on this site', async () => {
    const res = await auth.browser().post('/api/auth/sign-up/email', { name: 'Pat', email: emailFor('ok'), password: TEST_PASSWORD, callbackURL: '/tasks?status=pending' });
    expect(res.status).toBe(200);
  });
});

describe('failed sign-ins are throttled per account, not only per address', () => {
  async function guessFromAddresses(auth: AuthServer, email: string, count: number) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      statuses.push((await auth.browser(`203.0.113.${100 + i}`).post('/api/auth/sign-in/email', { email, password: `wrong-guess-${i}` })).status);
    }
    return statuses;
  }

  it('makes the next attempt wait after five failures from five addresses, then lets the owner in', async () => {
    const auth = await startAuthServer();
    try {
      const email = emailFor('victim');
      expect((await auth.browser().post('/api/auth/sign-up/email', { name: 'Vic', email, password: TEST_PASSWORD })).status).toBe(200);
      expect(await guessFromAddresses(auth, email, 5)).toEqual([401, 401, 401, 401, 401]);

      const sixth = await auth.browser('203.0.113.200').post('/api/auth/sign-in/email', { email, password: 'sixth-guess' });
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Even the right password waits out the delay, so a guess cannot tell them apart…
      expect((await auth.browser('203.0.113.201').post('/api/auth/sign-in/email', { email, password: TEST_PASSWORD })).status).toBe(429);
      // …and the owner gets in once it has passed: a delay, not a lock-out.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await auth.browser('203.0.113.202').post('/api/auth/sign-in/email', { email, password: TEST_PASSWORD })).status).toBe(200);
      // Another account was never slowed.
      const other = emailFor('bystander');
      expect((await auth.browser().post('/api/auth/sign-up/email', { name: 'By', email: other, password: TEST_PASSWORD })).status).toBe(200);
      expect((await auth.browser('203.0.113.203').post('/api/auth/sign-in/email', { email: other, password: TEST_PASSWORD })).status).toBe(200);
    } finally {
      await auth.close();
    }
  }, 60_000);

  it('counts across two frontend servers when they share Redis', async () => {
    const redis = [new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'), new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379')];
    const first = await startAuthServer({ redis: redis[0] });
    const second = await startAuthServer({ redis: redis[1], db: first.db });
    try {
      const email = emailFor('shared');
      expect((await first.browser().post('/api/auth/sign-up/email', { name: 'Sha', email, password: TEST_PASSWORD })).status).toBe(200);
      await guessFromAddresses(first, email, 3);
      await guessFromAddresses(second, email, 2);
      const next = await second.browser('203.0.113.210').post('/api/auth/sign-in/email', { email, password: 'another-guess' });
      expect(next.status).toBe(429);
    } finally {
      await second.close(false);
      await first.close();
      await Promise.all(redis.map((client) => client.quit()));
    }
  }, 60_000);
});

describe('cookies over https', () => {
  it('are Secure with the __Secure- prefix, and HSTS is sent, when the public URL is https', async () => {
    const auth = await startAuthServer({ baseUrl: 'https://tasks.example' });
    try {
      const res = await auth.browser().post('/api/auth/sign-up/email', { name: 'Sec', email: emailFor('secure'), password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie).toMatch(/^__Secure-/);
        expect(cookie).toMatch(/; Secure/i);
      }
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await auth.close();
    }
  }, 60_000);

  it('are not Secure over plain http on this machine, and no HSTS is claimed', async () => {
    const auth = await startAuthServer();
    try {
      const res = await auth.browser().post('/api/auth/sign-up/email', { name: 'Dev', email: emailFor('plain'), password: TEST_PASSWORD });
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]).not.toMatch(/^__Secure-/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await auth.close();
    }
  }, 60_000);
});
