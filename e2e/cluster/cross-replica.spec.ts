import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { reportFigure } from '@taskgate/test-report';
import { type RunningCluster, startCluster } from './cluster';

// The product as `npm run cluster` runs it: 3 backends and 2 frontend
// servers behind HAProxy, limits in Redis, one PostgreSQL. Everything is
// driven over HTTP, as browsers and API clients would.
const RATE_LIMIT = 300;
const PASSWORD = 'cluster-horse-battery-staple-7';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: RunningCluster;

beforeAll(async () => {
  cluster = await startCluster({ RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), BETTER_AUTH_SECRET: 'cluster-secret-cluster-secret-cluster-0001' });
}, 180_000);

afterAll(async () => {
  expect(await cluster?.stop()).toBe(0);
}, 30_000);

/** A person signed up through frontend server `replica`, with their session cookie. */
async function signUp(replica = 0) {
  const email = `${randomUUID()}@example.test`;
  const res = await fetch(`${cluster.frontends()[replica].url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: cluster.url, 'X-Forwarded-For': `10.${replica}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ name: 'Replica Tester', email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = await res.json();
  return { id: body.user.id as string, email, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
}

async function tokenFrom(replica: number, cookie: string): Promise<string> {
  const res = await fetch(`${cluster.frontends()[replica].url}/api/auth/token`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return (await res.json()).token;
}

const listOn = (backendUrl: string, user: string, token: string) =>
  fetch(`${backendUrl}/api/${user}/tasks`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) }).then((res) => res.status);

describe('across replicas', () => {
  it('accepts a token issued by either frontend server on every backend', async () => {
    const person = await signUp();
    const tokens = [await tokenFrom(0, person.cookie), await tokenFrom(1, person.cookie)];
    const statuses = [];
    for (const token of tokens) for (const backend of cluster.backends()) statuses.push(await listOn(backend.url, person.id, token));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('counts one user\'s rate limit once across the three backends', async () => {
    const person = await signUp();
    const token = await tokenFrom(0, person.cookie);
    const backends = cluster.backends();
    // 20 at a time, as a busy client would send them.
    const statuses: number[] = [];
    for (let sent = 0; sent < RATE_LIMIT + 20; sent += 20) {
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => listOn(backends[(sent + i) % 3].url, person.id, token)))));
    }
    const allowed = statuses.filter((s) => s === 200).length;
    const others = statuses.filter((s) => s !== 200 && s !== 429);
    reportFigure('cluster rate limit', `${statuses.length} requests of one user spread over 3 backends with RATE_LIMIT_PER_MINUTE=${RATE_LIMIT}: ${allowed} answered 200, ${statuses.filter((s) => s === 429).length} answered 429${others.length ? `, others ${others.join(',')}` : ''}`);
    expect(others).toEqual([]);
    expect(allowed).toBe(RATE_LIMIT);
  });

  it('holds a sign-in limit across the two frontend servers', async () => {
    const person = await signUp();
    const address = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${cluster.frontends()[i % 2].url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: cluster.url, 'X-Forwarded-For': address },
        body: JSON.stringify({ email: person.email, password: 'not-the-password-at-all' }),
      });
      statuses.push(res.status);
    }
    // Better Auth allows 3 sign-ins per 10 s per address: counted together, not 3 per replica.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429, 429, 429]);
  });

  it('refuses a signed-out session\'s token on all three backends within a second', async () => {
    const person = await signUp();
    const token = await tokenFrom(0, person.cookie);
    for (const backend of cluster.backends()) expect(await listOn(backend.url, person.id, token)).toBe(200);
    const signOut = await fetch(`${cluster.frontends()[1].url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { Cookie: person.cookie, Origin: cluster.url, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(signOut.status).toBe(200);
    const signedOutAt = Date.now();
    const refusedAfter = await Promise.all(
      cluster.backends().map(async (backend) => {
        while (Date.now() - signedOutAt < 2_000) {
          if ((await listOn(backend.url, person.id, token)) === 401) return Date.now() - signedOutAt;
          await sleep(20);
        }
        return Infinity;
      }),
    );
    reportFigure('cluster sign-out', `refused by the 3 backends ${refusedAfter.map((ms) => `${ms} ms`).join(', ')} after the sign-out answered`);
    expect(Math.max(...refusedAfter)).toBeLessThan(1_000);
  });
});

describe('a backend replica killed under load', () => {
  interface Outcome {
    method: string;
    startedAt: number;
    endedAt: number;
    status: number;
    id?: string;
  }

  it('loses no acknowledged write, fails only what was in flight on it, is out of rotation within 2 s and rejoins', async () => {
    // Six people, each well under the rate limit: a request every ~60 ms at most, for ~8 s.
    const people = [];
    for (let i = 0; i < 6; i++) {
      const person = await signUp(i % 2);
      people.push({ ...person, token: await tokenFrom(i % 2, person.cookie) });
    }
    const outcomes: Outcome[] = [];
    let running = true;
    const clients = people.map(async (person, client) => {
      const headers = { Authorization: `Bearer ${person.token}`, 'Content-Type': 'application/json' };
      const base = `${cluster.url}/api/${person.id}/tasks`;
      for (let i = 0; running; i++) {
        const create = i % 2 === 0;
        const startedAt = performance.now();
        try {
          const res = await fetch(create ? base : `${base}?limit=5`, {
            method: create ? 'POST' : 'GET',
            headers,
            body: create ? JSON.stringify({ title: `load ${client}-${i}` }) : undefined,
            signal: AbortSignal.timeout(10_000),
          });
          const body = await res.text();
          outcomes.push({ method: create ? 'POST' : 'GET', startedAt, endedAt: performance.now(), status: res.status, id: res.status === 201 ? JSON.parse(body).id : undefined });
        } catch {
          outcomes.push({ method: create ? 'POST' : 'GET', startedAt, endedAt: performance.now(), status: 0 });
        }
        await sleep(60);
      }
    });

    await sleep(1_500);
    const victim = cluster.backends()[1];
    const killedAt = performance.now();
    process.kill(victim.pid, 'SIGKILL');
    let downAfter = Infinity;
    while (performance.now() - killedAt < 5_000) {
      if ((await cluster.serverStates())['backend2']?.startsWith('DOWN')) {
        downAfter = performance.now() - killedAt;
        break;
      }
      await sleep(50);
    }
    let upAgainAfter = Infinity;
    while (performance.now() - killedAt < 30_000) {
      if ((await cluster.serverStates())['backend2'] === 'UP') {
        upAgainAfter = performance.now() - killedAt;
        break;
      }
      await sleep(100);
    }
    const rejoinedAt = performance.now();
    await sleep(2_000);
    running = false;
    await Promise.all(clients);

    const failures = outcomes.filter((o) => o.status !== 200 && o.status !== 201);
    // In flight on the victim: sent before HAProxy took it out of rotation
    // (until then a request may be forwarded to it) and unanswered at the kill.
    const inFlightAtKill = (o: Outcome) => o.startedAt <= killedAt + downAfter && o.endedAt >= killedAt;
    const acknowledged = outcomes.filter((o) => o.id).map((o) => o.id as string);
    const db = new Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const stored = new Set((await db.query('SELECT id FROM tasks WHERE user_id = ANY($1)', [people.map((p) => p.id)])).rows.map((r) => r.id));
    await db.end();
    const lost = acknowledged.filter((id) => !stored.has(id));
    const afterRejoin = outcomes.filter((o) => o.startedAt > rejoinedAt);
    reportFigure(
      'cluster, a backend killed under load',
      `${outcomes.length} requests through HAProxy; ${failures.length} failed (${failures.map((f) => `${f.method} ${f.status} sent ${(f.startedAt - killedAt).toFixed(0)} ms after the kill`).join(', ') || 'none'}); ` +
        `out of rotation ${downAfter.toFixed(0)} ms after the kill, back ${upAgainAfter.toFixed(0)} ms after it; ${acknowledged.length} acknowledged writes, ${lost.length} lost`,
    );

    expect(lost).toEqual([]);
    expect(failures.filter((o) => !inFlightAtKill(o))).toEqual([]);
    expect(failures.length).toBeLessThanOrEqual(6);
    expect(downAfter).toBeLessThan(2_000);
    expect(upAgainAfter).toBeLessThan(30_000);
    expect(afterRejoin.length).toBeGreaterThan(0);
    expect(afterRejoin.filter((o) => o.status !== 200 && o.status !== 201)).toEqual([]);
    expect(cluster.output()).toMatch(/backend 2 exited \(SIGKILL\); restarting it/);
  }, 60_000);
});
