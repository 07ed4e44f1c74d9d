import { connect } from 'node:net';
import { createLogger } from '../logger';
import { AUTH_BODY_LIMIT_BYTES } from '../app';
import { startAuthServer, TEST_ORIGIN, TEST_PASSWORD, type AuthServer } from '../testing/auth-server';

// What the frontend server answers before Better Auth gets a word in: body
// size, malformed URLs and framing, duplicate Host fields, slow bodies. Every
// answer is problem+json with the security headers, never a 5xx.

/** Raw bytes in, everything the server writes back until it closes (or `waitMs` passes). */
function exchange(port: number, chunks: string[], gapMs = 0, waitMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
        // unref: a drip still waiting when the server has closed keeps nothing alive.
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs).unref());
      }
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, waitMs);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(answer) : reject(error)));
  });
}

function expectProblem(answer: string, status: number) {
  expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
  expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
  expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
  expect(answer.toLowerCase()).toContain('cache-control: no-store');
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

describe('the edges of the frontend server', () => {
  let auth: AuthServer;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    auth = await startAuthServer({ requestTimeoutMs: 1500, logger: createLogger('debug', (line) => logLines.push(JSON.parse(line))) });
  }, 60_000);
  afterAll(() => auth.close());

  it('answers 413 to a sign-up body over 64 KiB, declared or chunked, and stores nothing', async () => {
    const email = `big-${Date.now()}@example.test`;
    const body = JSON.stringify({ name: 'n'.repeat(AUTH_BODY_LIMIT_BYTES), email, password: TEST_PASSWORD });
    const declared = await auth.browser().post('/api/auth/sign-up/email', JSON.parse(body));
    expect(declared.status).toBe(413);
    expect(declared.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(declared.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });

    const head = `POST /api/auth/sign-up/email HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nOrigin: ${TEST_ORIGIN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunked = await exchange(auth.port, [head, `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`]);
    expectProblem(chunked, 413);
    expect((await auth.pool.query('SELECT 1 FROM "user" WHERE email = $1', [email])).rowCount).toBe(0);
  }, 15_000);

  it('answers 400 to a malformed percent-encoding, not 500', async () => {
    const res = await auth.browser().get('/api/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(logLines.filter((line) => line['level'] === 'error')).toEqual([]);
  }, 15_000);

  it('answers 400 to two Host fields', async () => {
    expectProblem(await exchange(auth.port, ['GET /api/auth/get-session HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nHost: evil.example\r\n\r\n']), 400);
  }, 15_000);

  it('answers what Node\'s parser refuses as problem+json', async () => {
    expectProblem(await exchange(auth.port, ['GET / HTTP/1.1\r\nConnection: close\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n']), 400);
  }, 15_000);

  it('answers 431 to headers over Node\'s limit', async () => {
    expectProblem(await exchange(auth.port, [`GET /api/auth/get-session HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]), 431);
  });

  it('answers 408 to a body dripped too slowly, and closes the connection', async () => {
    const head = `POST /api/auth/sign-in/email HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nOrigin: ${TEST_ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
    const started = Date.now();
    const answer = await exchange(auth.port, [head, '{', '"', 'e', 'm'], 700, 8000);
    expectProblem(answer, 408);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 15_000);

  it('logs a client that gives up mid-body as a refusal, not an outage', async () => {
    logLines.length = 0;
    const head = `POST /api/auth/sign-in/email HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nOrigin: ${TEST_ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`;
    await new Promise<void>((resolve) => {
      const socket = connect(auth.port, '127.0.0.1', () => {
        socket.write(head);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    // The line it leaves says a client gave up, at info...
    const refusal = expect.objectContaining({ level: 'info', msg: 'request refused', path: '/api/auth/sign-in/email', status: 400 });
    for (let waited = 0; waited < 2000 && !logLines.some((line) => refusal.asymmetricMatch(line)); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(logLines).toContainEqual(refusal);
    // ...and nothing an operator would be paged for.
    expect(logLines.filter((line) => line['level'] === 'error')).toEqual([]);
  }, 15_000);
});
