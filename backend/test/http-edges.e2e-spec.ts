import { connect } from 'node:net';
import { BuiltBackend, ensureBuiltBackend, startBuiltBackend } from './support/built-backend';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { bearer, newUserId, tokenFor } from './support/tokens';

// What the backend answers before Fastify routes a request, or where Fastify
// answers before its hooks: every answer is problem+json with the security
// headers, never a 5xx for client input, and no request waits forever.

/** Raw bytes in (with `gapMs` between chunks), everything the server writes back until it closes. */
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
  const lower = answer.toLowerCase();
  expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
  expect(lower).toContain('content-type: application/problem+json');
  expect(lower).toContain('x-content-type-options: nosniff');
  expect(lower).toContain('cache-control: no-store');
  expect(lower).toContain("content-security-policy: default-src 'none'");
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status, type: 'about:blank' });
}

describe('the edges of the backend (the built server, production flags)', () => {
  let db: TestDatabase;
  let backend: BuiltBackend;
  beforeAll(async () => {
    await ensureBuiltBackend();
    db = await createTestDatabase();
    backend = await startBuiltBackend(db.url, { LOG_LEVEL: 'info' });
  }, 240_000);
  afterAll(async () => {
    await backend?.stop();
    await db?.drop();
  });

  it.each([
    ['malformed framing', 'GET /api/u/tasks HTTP/1.1\r\nConnection: close\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n', 400],
    ['an unknown method', 'BREW /api/u/tasks HTTP/1.1\r\nConnection: close\r\nHost: x\r\n\r\n', 400],
    ['oversized headers', `GET /api/u/tasks HTTP/1.1\r\nConnection: close\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['two Host fields', 'GET /api/health/live HTTP/1.1\r\nConnection: close\r\nHost: localhost\r\nHost: evil.example\r\n\r\n', 400],
  ])('answers %s as problem+json with the security headers', async (_name, bytes, status) => {
    expectProblem(await exchange(backend.port, [bytes]), status);
  }, 15_000);

  it('answers a malformed path encoding with the security headers too (401 without a token, 400 with one)', async () => {
    expectProblem(await exchange(backend.port, ['GET /api/u/tasks/%E0%A4%A HTTP/1.1\r\nConnection: close\r\nHost: x\r\n\r\n']), 401);
    const user = newUserId('edges');
    const token = bearer(tokenFor(user)).Authorization;
    expectProblem(await exchange(backend.port, [`GET /api/${user}/tasks/%E0%A4%A HTTP/1.1\r\nConnection: close\r\nHost: x\r\nAuthorization: ${token}\r\n\r\n`]), 400);
  }, 15_000);

  it('takes a client that gives up mid-body as no outage: no outage or error logged, nothing stored, and it goes on serving', async () => {
    const user = newUserId('abort');
    const head = `POST /api/${user}/tasks HTTP/1.1\r\nConnection: close\r\nHost: x\r\nAuthorization: ${bearer(tokenFor(user)).Authorization}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"title":`;
    await new Promise<void>((resolve) => {
      const socket = connect(backend.port, '127.0.0.1', () => {
        socket.write(head);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 300);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(backend.output()).not.toMatch(/database unavailable/);
    expect(backend.output()).not.toMatch(/"level":50/);
    // The same person's next request is served, and only it is stored.
    const next = await fetch(`${backend.url}/api/${user}/tasks`, {
      method: 'POST',
      headers: { ...bearer(tokenFor(user)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'after the abort' }),
    });
    expect(next.status).toBe(201);
    expect(await db.query('SELECT title FROM tasks WHERE user_id = $1', [user])).toEqual([{ title: 'after the abort' }]);
  }, 15_000);

  it('answers 408 to a body that has not arrived within 30 s, and closes the connection', async () => {
    const user = newUserId('slow');
    const head = `POST /api/${user}/tasks HTTP/1.1\r\nConnection: close\r\nHost: x\r\nAuthorization: ${bearer(tokenFor(user)).Authorization}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
    const started = Date.now();
    const answer = await exchange(backend.port, [head, ...'{"title":"drip"'.split('')], 2500, 40_000);
    expectProblem(answer, 408);
    expect(Date.now() - started).toBeLessThan(33_000);
  }, 45_000);
});
