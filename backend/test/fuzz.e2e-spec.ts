import { Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { caseArbitrary, describeCase, expectedStatus, FuzzWorld, requestOf } from './support/fuzz-cases';
import { RawResponse, rawRequest } from './support/raw-http';
import { apiUser } from './support/tasks-client';
import { startTestApp, TestApp } from './support/test-app';
import { bearer, tokenFor } from './support/tokens';
import { reportFigure } from '@taskgate/test-report';

/**
 * Property-based fuzzing of every endpoint (issue: "Fuzzing"). FUZZ_RUNS sets
 * the number of generated requests (default 2,500: 2,000 with an exact
 * expected answer, 500 wild ones); FUZZ_SEED replays a run (default a fixed
 * seed; `random` for a new one).
 *
 *   FUZZ_RUNS=50000 npx jest -c backend/test/jest.config.cts backend/test/fuzz.e2e-spec.ts
 */
const TOTAL_RUNS = Number(process.env['FUZZ_RUNS'] ?? 2500);
const STRUCTURED_RUNS = Math.ceil(TOTAL_RUNS * 0.8);
const WILD_RUNS = TOTAL_RUNS - STRUCTURED_RUNS;
// A fixed seed by default, so `npm test` runs the same cases every time;
// FUZZ_SEED=random (stress/fuzz.mjs's default) explores new ones.
const SEED_SETTING = process.env['FUZZ_SEED'] ?? '20261122';
const SEED = SEED_SETTING === 'random' ? Date.now() % 2 ** 31 : Number(SEED_SETTING);
const timeoutFor = (runs: number) => 60_000 + runs * 40;

const figures = { cases: 0, requests: 0, serverErrors: 0, transportErrors: 0, statuses: new Map<number, number>() };

function tally(response: RawResponse) {
  figures.requests += 1;
  figures.statuses.set(response.status, (figures.statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500) figures.serverErrors += 1;
}

/** Why a 4xx answer is not RFC 9457 problem+json with its own status, or null when it is. */
function problemDefect(response: RawResponse): string | null {
  if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) {
    return `Content-Type ${response.headers['content-type']}`;
  }
  try {
    const body = JSON.parse(response.text);
    for (const field of ['type', 'title', 'detail', 'instance']) {
      if (typeof body[field] !== 'string') return `no "${field}" in ${response.text.slice(0, 200)}`;
    }
    if (body.status !== response.status) return `body status ${body.status}`;
    if (/at \S+ \(|SELECT |INSERT |UPDATE |QueryFailedError|e2e-secret/i.test(response.text)) return `internals in ${response.text.slice(0, 300)}`;
  } catch {
    return `not JSON: ${response.text.slice(0, 200)}`;
  }
  return null;
}

function isWellEncoded(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

describe('fuzzing every endpoint with bad requests', () => {
  let t: TestApp;
  let origin: { host: string; port: number };
  let world: FuzzWorld;
  let agent: Agent;
  let digest: string;

  /** One value for everything stored: tasks, idempotency keys and label counts. */
  const storedDigest = async () => {
    const [row] = await t.db.query<{ digest: string }>(
      `SELECT coalesce((SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM tasks t), '-') ||
              coalesce((SELECT md5(string_agg(k::text, '|' ORDER BY user_id, key)) FROM idempotency_keys k), '-') ||
              coalesce((SELECT md5(string_agg(l::text, '|' ORDER BY user_id, key)) FROM task_labels l), '-') AS digest`,
    );
    return row.digest;
  };

  const send = async (request: ReturnType<typeof requestOf>, label: string) => {
    try {
      const response = await rawRequest(origin, request, agent);
      tally(response);
      return response;
    } catch (error) {
      figures.transportErrors += 1;
      throw new Error(`${label}: no answer (${(error as Error).message})`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    origin = { host: '127.0.0.1', port: (t.app.getHttpServer().address() as AddressInfo).port };
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const owner = apiUser(t.http, 'fuzz-owner');
    const other = apiUser(t.http, 'fuzz-other');
    const ownTask = await owner.createTask({ title: 'owned', description: 'kept as it is', dueDate: '2030-01-01', labels: ['Owned'] });
    const otherTask = await other.createTask({ title: 'foreign', priority: 'high', labels: ['Foreign'] });
    world = {
      owner: owner.id,
      other: other.id,
      ownTaskId: ownTask.id,
      ownTaskEtag: '"1"',
      otherTaskId: otherTask.id,
      ownLabel: 'Owned',
      otherLabel: 'Foreign',
    };
    digest = await storedDigest();
  });

  afterAll(async () => {
    agent?.destroy();
    const statuses = [...figures.statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}:${count}`);
    reportFigure(
      'fuzz',
      `seed ${SEED}, ${figures.cases} cases, ${figures.requests} requests, ` +
        `${figures.serverErrors} answered 5xx, ${figures.transportErrors} without an answer; statuses ${statuses.join(' ')}`,
    );
    await t?.close();
  });

  it(
    `answers each bad request with the status of the first failing check, as problem+json, and stores nothing (${STRUCTURED_RUNS} cases)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArbitrary, async (c) => {
          figures.cases += 1;
          const expected = expectedStatus(c);
          const label = describeCase(c);
          if (expected === 'success') throw new Error(`generator produced a valid request: ${label}`);
          const response = await send(requestOf(c, world), label);
          if (response.status !== expected) {
            throw new Error(`expected ${expected}, got ${response.status} ${response.text.slice(0, 300)}\n  for ${label}`);
          }
          const defect = problemDefect(response);
          if (defect) throw new Error(`${response.status} is not problem+json (${defect})\n  for ${label}`);
          if (response.status === 401 && !/^Bearer/.test(String(response.headers['www-authenticate']))) {
            throw new Error(`401 without WWW-Authenticate: Bearer\n  for ${label}`);
          }
          const after = await storedDigest();
          if (after !== digest) {
            digest = after;
            throw new Error(`stored data changed after a rejected request (${response.status})\n  for ${label}`);
          }
        }),
        { numRuns: STRUCTURED_RUNS, seed: SEED, endOnFailure: false },
      );
      expect(figures.serverErrors).toBe(0);
    },
    timeoutFor(STRUCTURED_RUNS),
  );

  // Regression, found by the 50,000-case run (seed 22723323): {"constructor": null} reached class-validator and answered 500.
  it('answers 400 to a body whose "constructor" is null, and stores nothing', async () => {
    const owner = encodeURIComponent(world.owner);
    const headers = { ...bearer(tokenFor(world.owner)), 'content-type': 'application/json' };
    const before = await storedDigest();
    const attempts = [
      { method: 'POST', path: `/api/${owner}/tasks`, body: '{"title":"x","constructor":null}' },
      { method: 'PUT', path: `/api/${owner}/tasks/${world.ownTaskId}`, body: '{"title":"x","constructor":null}' },
      { method: 'PATCH', path: `/api/${owner}/tasks/${world.ownTaskId}/complete`, body: '{"constructor":null}' },
    ];
    for (const attempt of attempts) {
      const response = await send({ ...attempt, headers, body: Buffer.from(attempt.body), chunked: false }, attempt.method);
      expect({ ...attempt, status: response.status }).toEqual({ ...attempt, status: 400 });
      expect(problemDefect(response)).toBeNull();
    }
    expect(await storedDigest()).toBe(before);
  });

  // Regression: a broken percent-encoding used to answer 400 before the token check; 401 comes first.
  it('answers 401 to a broken percent-encoding without a token, 400 with one', async () => {
    for (const path of ['/api/%E0%A4%A/tasks', '/api/%_', `/api/u/tasks/%ZZ`, '/api/%/tasks']) {
      const anonymous = await send({ method: 'GET', path, headers: {}, chunked: false }, path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      expect(problemDefect(anonymous)).toBeNull();
    }
    const owned = `/api/${encodeURIComponent(world.owner)}/tasks/%ZZ`;
    const authenticated = await send({ method: 'GET', path: owned, headers: bearer(tokenFor(world.owner)), chunked: false }, owned);
    expect(authenticated.status).toBe(400);
    expect(problemDefect(authenticated)).toBeNull();
  });

  // A path under /api with an empty segment (`/api//tasks`) or a trailing slash
  // (`/api/{user_id}/tasks/`) once matched no route, not even NotFoundController's
  // catch-all, so Fastify's not-found handler answered 404 without the guards.
  // (Found by the wild property below.)
  it('answers 401 without a token to paths with an empty segment or a trailing slash', async () => {
    const owner = encodeURIComponent(world.owner);
    for (const path of ['/api//tasks', `/api/${owner}/tasks/`, `/api/${owner}/tasks/${world.ownTaskId}/`]) {
      const anonymous = await send({ method: 'GET', path, headers: {}, chunked: false }, path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      expect(problemDefect(anonymous)).toBeNull();
    }
  });

  // Regression: an OPTIONS that is not a full preflight used to get a plain-text 400 from the CORS plugin.
  it('answers an OPTIONS request that is not a preflight with problem+json', async () => {
    for (const headers of [{}, { origin: 'http://localhost:4200' }] as Record<string, string>[]) {
      const response = await send({ method: 'OPTIONS', path: `/api/${encodeURIComponent(world.owner)}/tasks`, headers, chunked: false }, 'OPTIONS');
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expect(problemDefect(response)).toBeNull();
    }
  });

  /** Requests the oracle cannot predict: random methods, paths, headers and bytes. */
  const wildArbitrary = fc.record({
    // OPTIONS has a test of its own below.
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'),
    segments: fc.array(
      fc.oneof(
        // No empty segment (`//`, a trailing `/`): those have a test of their own below.
        fc.constantFrom('tasks', 'complete', 'bulk', 'labels', 'Owned', '{owner}', '{task}', '{other}', '..', '.', 'api', 'health', 'docs'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.isWellFormed()).map(encodeURIComponent),
        // Percent signs only as valid encodings: a broken one has a test of its own below.
        fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{1,30}$/).filter(isWellEncoded),
      ),
      { maxLength: 5 },
    ),
    query: fc.option(fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@/?-]{0,60}$/), { nil: undefined }),
    token: fc.constantFrom('owner', 'none', 'garbage'),
    contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', 'x'), { nil: undefined }),
    body: fc.option(
      fc.oneof(fc.json().map((text) => Buffer.from(text)), fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes))),
      { nil: undefined },
    ),
  });

  it(
    `never answers a wild request with a 5xx, answers 401 to every one without a valid token, and stores nothing it rejects (${WILD_RUNS} cases)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(wildArbitrary, async (w) => {
          figures.cases += 1;
          const segments = w.segments.map((s) =>
            s === '{owner}' ? encodeURIComponent(world.owner) : s === '{other}' ? encodeURIComponent(world.other) : s === '{task}' ? world.ownTaskId : s,
          );
          const path = `/api/${segments.join('/')}${w.query === undefined ? '' : `?${w.query}`}`;
          const headers: Record<string, string> = {};
          if (w.token === 'owner') Object.assign(headers, bearer(tokenFor(world.owner)));
          if (w.token === 'garbage') headers['authorization'] = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl';
          if (w.contentType) headers['content-type'] = w.contentType;
          const label = `${w.method} ${path} token=${w.token} type=${w.contentType} body=${w.body?.toString('utf8').slice(0, 80)}`;
          const response = await send({ method: w.method, path, headers, body: w.body, chunked: false }, label);
          if (response.status >= 500) throw new Error(`${response.status} ${response.text.slice(0, 300)}\n  for ${label}`);
          const publicRoute = /^\/api\/(health\/(live|ready)|docs(-json)?)(\/.*)?$/.test(path.split('?')[0]);
          if (w.token !== 'owner' && !publicRoute && response.status !== 401) {
            throw new Error(`without a valid token: ${response.status}, not 401 ${response.text.slice(0, 200)}\n  for ${label}`);
          }
          if (response.status >= 400 && w.method !== 'HEAD') {
            const defect = problemDefect(response);
            if (defect) throw new Error(`${response.status} is not problem+json (${defect})\n  for ${label}`);
          }
          const after = await storedDigest();
          if (after !== digest) {
            digest = after;
            if (response.status >= 400) throw new Error(`stored data changed after a rejected request (${response.status})\n  for ${label}`);
          }
        }),
        { numRuns: WILD_RUNS, seed: SEED, endOnFailure: false },
      );
    },
    timeoutFor(WILD_RUNS),
  );
});
