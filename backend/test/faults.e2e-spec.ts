import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { ListeningApp, startAppOn } from './support/app-on-database';
import { BuiltBackend, ensureBuiltBackend, startBuiltBackend } from './support/built-backend';
import { rawRequest } from './support/raw-http';
import { createTestDatabase, TcpProxy, type TestDatabase } from '@taskgate/postgres/testing';
import { bearer, newUserId, tokenFor } from './support/tokens';
import { reportFigure } from '@taskgate/test-report';

/** One answered request of a load run. */
interface Outcome {
  startedAt: number;
  endedAt: number;
  status: number;
  retryAfter: string | null;
  taskId?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const p = (values: number[], q: number) => (values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] : 0);

/** Mixed creates and lists from `workers` loops until `stop()`; every answer recorded. */
function runLoad(url: string, workers: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, index) => {
    const user = newUserId(`outage-${index}`);
    const auth = bearer(tokenFor(user));
    const base = `${url}/api/${encodeURIComponent(user)}/tasks`;
    for (let i = 0; running; i++) {
      const startedAt = performance.now();
      const create = i % 2 === 0;
      try {
        const response = await fetch(create ? base : `${base}?limit=5`, {
          method: create ? 'POST' : 'GET',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: create ? JSON.stringify({ title: `task ${index}-${i}` }) : undefined,
          signal: AbortSignal.timeout(10_000),
        });
        const body = await response.text();
        outcomes.push({
          startedAt,
          endedAt: performance.now(),
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          taskId: response.status === 201 ? JSON.parse(body).id : undefined,
        });
      } catch {
        outcomes.push({ startedAt, endedAt: performance.now(), status: 0, retryAfter: null });
      }
      // Below a busy client's pace, so an outage is not a busy loop of 503s.
      await sleep(20);
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

// `cut`: the database goes away (connections reset, new ones refused);
// `freeze`: a network partition (nothing moves, nothing closes), the case
// where only the server's own timeouts stand between a client and a hang.
describe.each(['cut', 'freeze'] as const)('faults: the database %s under load', (fault) => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: ListeningApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await TcpProxy.forUrl(db.url);
    // The revocation feed listens past the proxy: this is the task path's
    // outage. With the feed behind the proxy too, an outage near the feed's
    // 5 s silence limit (this one lasts 3.5–4.5 s) let the feed fall silent a
    // moment after the first success, and the API then rightly answered 503
    // until the feed heard again (revocation.e2e-spec.ts covers that case).
    app = await startAppOn(proxy.urlFor(db.url), { DATABASE_LISTEN_URL: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 with Retry-After within 2 s, ready says 503, recovers by itself within 5 s, and loses no acknowledged write', async () => {
    const load = runLoad(app.url, 12);
    await sleep(1000);

    const cutAt = performance.now();
    await proxy[fault]();
    await sleep(1500);
    const readyStarted = performance.now();
    const readyDuring = await fetch(`${app.url}/api/health/ready`);
    const readyDuringMs = performance.now() - readyStarted;
    await sleep(1500);

    const restoredAt = performance.now();
    await proxy.restore();
    let recoveredAt = 0;
    while (performance.now() - restoredAt < 15_000) {
      const ready = await fetch(`${app.url}/api/health/ready`);
      const write = await fetch(`${app.url}/api/probe/tasks`, {
        method: 'POST',
        headers: { ...bearer(tokenFor('probe')), 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'after the outage' }),
      });
      if (ready.status === 200 && write.status === 201) {
        recoveredAt = performance.now();
        break;
      }
      await sleep(100);
    }
    await sleep(1000);
    await load.stop();

    const outcomes = load.outcomes;
    const during = outcomes.filter((o) => o.startedAt >= cutAt && o.endedAt <= restoredAt);
    const inFlightAtCut = outcomes.filter((o) => o.startedAt < cutAt && o.endedAt > cutAt);
    const durations = during.map((o) => o.endedAt - o.startedAt);
    const acknowledged = outcomes.filter((o) => o.taskId).map((o) => o.taskId as string);
    const stored = new Set((await db.query<{ id: string }>('SELECT id FROM tasks')).map((row) => row.id));
    const lost = acknowledged.filter((id) => !stored.has(id));
    reportFigure(
      `database ${fault} under load (backend, 12 clients)`,
      `${outcomes.length} requests; during the outage ${during.length} answered ` +
        `${[...new Set(during.map((o) => o.status))].join('/')} in p50 ${p(durations, 0.5).toFixed(0)} ms, ` +
        `max ${Math.max(0, ...durations).toFixed(0)} ms; ready ${readyDuring.status} in ${readyDuringMs.toFixed(0)} ms; ` +
        `recovered ${recoveredAt ? `${(recoveredAt - restoredAt).toFixed(0)} ms` : 'never'} after restore; ` +
        `${acknowledged.length} acknowledged writes, ${lost.length} lost`,
    );

    // Enough answers to judge: in a freeze each one takes up to the ~1.5 s
    // bound, so a 3 s outage gives each of the 12 clients one or two (19 to
    // 35 seen); a server that hung would give none.
    expect(during.length).toBeGreaterThanOrEqual(12);
    expect(during.filter((o) => o.status !== 503 || o.retryAfter === null)).toEqual([]);
    expect(Math.max(...durations)).toBeLessThan(2000);
    // Requests caught by the cut answer (success or 503) within 2 s as well.
    expect(inFlightAtCut.filter((o) => ![200, 201, 503].includes(o.status) || o.endedAt - cutAt >= 2000)).toEqual([]);
    expect(readyDuring.status).toBe(503);
    expect(readyDuring.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - restoredAt).toBeLessThan(5000);
    // After recovery, every request succeeds again; nothing ever answered another 5xx or hung.
    const after = outcomes.filter((o) => o.startedAt > recoveredAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((o) => o.status !== 200 && o.status !== 201)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 0 || (o.status >= 500 && o.status !== 503))).toEqual([]);
    expect(lost).toEqual([]);
  }, 60_000);
});

/** Resolves true when a new TCP connection to `port` is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('faults: SIGTERM under load (the built backend)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let backend: BuiltBackend;

  beforeAll(async () => {
    await ensureBuiltBackend();
    db = await createTestDatabase();
    proxy = await TcpProxy.forUrl(db.url);
    backend = await startBuiltBackend(proxy.urlFor(db.url));
  }, 240_000);
  afterAll(async () => {
    await backend?.stop();
    await proxy?.close();
    await db?.drop();
  });

  // Regression: with keep-alive clients the process used to wait for the keep-alive timeout (72 s) after SIGTERM.
  it('finishes the requests in flight, refuses new connections, exits within 10 s and leaves nothing half-written', async () => {
    // Every answer from the database arrives 400 ms late, so requests are
    // still in flight when the signal comes.
    proxy.delayMs = 400;
    const user = newUserId('drain');
    const auth = bearer(tokenFor(user));
    // Keep-alive connections, as browsers and reverse proxies hold them
    // (FAULTS_KEEP_ALIVE=0 closes each after its answer, for diagnosis).
    const agent = new Agent({ keepAlive: process.env['FAULTS_KEEP_ALIVE'] !== '0' });
    const inFlight = Array.from({ length: 20 }, async (_, i) => {
      const response = await rawRequest(
        { host: '127.0.0.1', port: backend.port },
        {
          method: 'POST',
          path: `/api/${encodeURIComponent(user)}/tasks`,
          headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: Buffer.from(JSON.stringify({ title: `in flight ${i}` })),
        },
        agent,
      );
      return { status: response.status, id: (JSON.parse(response.text) as { id?: string }).id };
    });
    await sleep(250);

    const signalledAt = performance.now();
    backend.child.kill('SIGTERM');
    let refusedAfter = -1;
    while (performance.now() - signalledAt < 3000) {
      if (await refused(backend.port)) {
        refusedAfter = performance.now() - signalledAt;
        break;
      }
      await sleep(20);
    }
    const answers = await Promise.all(inFlight);
    const exitWaitMs = Number(process.env['FAULTS_EXIT_WAIT_MS'] ?? 15_000);
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([backend.exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), exitWaitMs)))]);
    clearTimeout(timer);
    const drainMs = exit ? exit.at - signalledAt : Infinity;
    agent.destroy();

    proxy.delayMs = 0;
    const tasks = await db.query<{ id: string }>('SELECT id FROM tasks WHERE user_id = $1', [user]);
    const keys = await db.query<{ status: number | null }>('SELECT response_status AS status FROM idempotency_keys WHERE user_id = $1', [user]);
    reportFigure(
      'SIGTERM under load (built backend)',
      `${answers.filter((a) => a.status === 201).length}/${answers.length} in-flight creates answered 201; ` +
        `new connections refused ${refusedAfter.toFixed(0)} ms after the signal; exited (${exit?.code ?? exit?.signal}) ` +
        `${drainMs.toFixed(0)} ms after it; ${tasks.length} tasks and ${keys.length} idempotency keys stored`,
    );

    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(exit).not.toBeNull();
    expect(drainMs).toBeLessThan(10_000);
    expect(exit?.code === 0 || exit?.signal === 'SIGTERM').toBe(true);
    // Nothing half-written: exactly the acknowledged tasks, and every key completed.
    expect(tasks.map((t) => t.id).sort()).toEqual(answers.map((a) => a.id).sort());
    expect(keys.filter((k) => k.status !== 201)).toEqual([]);
    expect(keys).toHaveLength(answers.length);
    expect(backend.output()).not.toMatch(/"level":(50|60)/);
  }, 60_000 + Number(process.env['FAULTS_EXIT_WAIT_MS'] ?? 0));
});
