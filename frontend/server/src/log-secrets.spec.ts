import type { Server } from 'node:http';
import type pg from 'pg';
import request from 'supertest';
import { deriveApiTokenKey } from '@taskgate/api-token';
import { loadServerConfig } from './config/server-config';
import { createServer } from './create-server';
import { createLogger } from './logger';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';

const SECRET = 'log-secret-7f3a9c0e5b2d4f6a8c1e3b5d7f9a0c2e';
const PASSWORD = 'right-horse-battery-41';
const WRONG_PASSWORD = 'wrong-horse-battery-42';
const ORIGIN = 'http://localhost:4200';

let db: TestDatabase;
let pool: pg.Pool;
let server: Server;
/** Everything the server wrote: its logger, console.* and raw stdout/stderr. */
let captured = '';

function cookiesOf(res: request.Response): string[] {
  return ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
}

/** Runs `work` while every way the process can print is redirected into `captured`. */
async function capturingOutput<T>(work: () => Promise<T>): Promise<T> {
  const keep = (chunk: unknown) => {
    captured += `${typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()}\n`;
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(keep),
    jest.spyOn(process.stderr, 'write').mockImplementation(keep),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        keep(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      }),
    ),
  ];
  try {
    return await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** Builds and starts the server the way main.ts does, the environment deciding the log level. */
async function startServer(): Promise<void> {
  const config = loadServerConfig({
    BETTER_AUTH_SECRET: SECRET,
    DATABASE_URL: db.url,
    BETTER_AUTH_URL: ORIGIN,
    LOG_LEVEL: 'debug',
  });
  const logger = createLogger(config.logLevel, (line) => {
    captured += `${line}\n`;
  });
  const built = await createServer({ ...config, production: false, trustedProxies: [] }, logger);
  pool = built.pool;
  const app = built.app;
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pool?.end();
  await db?.drop();
});

it('logs every auth request at debug level without the secret, the API key, tokens, cookies or passwords', async () => {
  const issued: string[] = [];
  let agent: request.Agent;
  const post = (path: string) => agent.post(path).set('Origin', ORIGIN);

  await capturingOutput(async () => {
    await startServer();
    agent = request.agent(server);
    const signUp = await post('/api/auth/sign-up/email').send({
      name: 'Log Reader',
      email: 'log.reader@example.test',
      password: PASSWORD,
    });
    expect(signUp.status).toBe(200);
    issued.push(...cookiesOf(signUp));

    const wrong = await post('/api/auth/sign-in/email').send({ email: 'log.reader@example.test', password: WRONG_PASSWORD });
    expect(wrong.status).toBe(401);

    const right = await post('/api/auth/sign-in/email').send({ email: 'log.reader@example.test', password: PASSWORD });
    expect(right.status).toBe(200);
    issued.push(...cookiesOf(right));

    const token = await agent.get('/api/auth/token');
    expect(token.status).toBe(200);
    issued.push(token.body.token);

    const session = await agent.get('/api/auth/get-session');
    expect(session.status).toBe(200);

    const signOut = await post('/api/auth/sign-out').send({});
    expect(signOut.status).toBe(200);
    // Whatever the server prints late (timers, pool events) lands in the capture too.
    await new Promise((resolve) => setTimeout(resolve, 250));
  });

  // The capture works: each request above is in it.
  const requests = captured
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.msg === 'request');
  expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'POST /api/auth/sign-up/email 200',
    'POST /api/auth/sign-in/email 401',
    'POST /api/auth/sign-in/email 200',
    'GET /api/auth/token 200',
    'GET /api/auth/get-session 200',
    'POST /api/auth/sign-out 200',
  ]);

  const apiKey = deriveApiTokenKey(SECRET).export();
  const secrets: Record<string, string> = {
    secret: SECRET,
    'API key (hex)': apiKey.toString('hex'),
    'API key (base64)': apiKey.toString('base64'),
    'API key (base64url)': apiKey.toString('base64url'),
    password: PASSWORD,
    'wrong password': WRONG_PASSWORD,
  };
  for (const [index, value] of issued.entries()) {
    const [name, raw = ''] = value.split(/=(.*)/s);
    const label = raw ? `cookie #${index} ${name}` : `JWT #${index}`;
    const decoded = decodeURIComponent(raw || name);
    secrets[`${label} (as sent)`] = raw || name;
    secrets[label] = decoded;
    // Each signed part on its own, so a log that splits the value cannot slip through.
    for (const [part, piece] of decoded.split('.').entries()) {
      if (piece.length >= 16) secrets[`${label} part ${part}`] = piece;
    }
  }
  expect(Object.keys(secrets)).toContainEqual(expect.stringContaining('better-auth.session_token'));
  expect(Object.keys(secrets)).toContainEqual(expect.stringContaining('JWT'));

  const found = Object.entries(secrets)
    .filter(([, value]) => captured.includes(value))
    .map(([label]) => label);
  expect(found).toEqual([]);
});
