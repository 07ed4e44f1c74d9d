import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { derivedKey, TEST_AUDIENCE, TEST_ISSUER, TEST_PREVIOUS_SECRET, TEST_SECRET } from './tokens';

/**
 * Generated bad requests for every endpoint, each with the answer API.md's
 * order of checks prescribes. The oracle below is written from API.md, not
 * from the backend's code: a case whose expected answer the contract leaves
 * open is not generated here (see the "wild" requests in fuzz.e2e-spec.ts).
 */

/** The world a case runs in: two users and one task each, created before the run. */
export interface FuzzWorld {
  /** The user whose path is fuzzed. */
  owner: string;
  /** Another user, with a task of their own. */
  other: string;
  /** The owner's task, never changed by a rejected request (so its ETag stays "1"). */
  ownTaskId: string;
  ownTaskEtag: string;
  otherTaskId: string;
  /** A label on the owner's task, and one on the other user's (v1.1). */
  ownLabel: string;
  otherLabel: string;
}

export const BODY_LIMIT = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = ['title', 'description', 'completed', 'priority', 'dueDate', 'labels', 'recurrence', 'remindAt'];

// ---------------------------------------------------------------- tokens

function sign(payload: object, key: jwt.Secret | ReturnType<typeof derivedKey>, options: jwt.SignOptions = {}): string {
  return jwt.sign(payload, key as jwt.Secret, { algorithm: 'HS256', ...options });
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const standard = (sub: unknown) => ({ sub, sid: 'session-1', iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now(), exp: now() + 900 });

/** Who the token names: `sub` when it is valid, null when the backend must answer 401. */
export interface AuthVariant {
  name: string;
  sub: 'owner' | 'other' | null;
  header(world: FuzzWorld): string | undefined;
}

const valid = (sub: string) => sign(standard(sub), derivedKey());

/** Authorization headers: valid ones for either user, and every way API.md lists of being invalid. */
export const AUTH_VARIANTS: AuthVariant[] = [
  { name: 'valid', sub: 'owner', header: (w) => `Bearer ${valid(w.owner)}` },
  { name: 'valid, lower-case scheme', sub: 'owner', header: (w) => `bearer ${valid(w.owner)}` },
  { name: 'valid, upper-case scheme, two spaces', sub: 'owner', header: (w) => `BEARER  ${valid(w.owner)}` },
  { name: 'valid, previous secret', sub: 'owner', header: (w) => `Bearer ${sign(standard(w.owner), derivedKey(TEST_PREVIOUS_SECRET))}` },
  { name: 'valid, another user', sub: 'other', header: (w) => `Bearer ${valid(w.other)}` },
  { name: 'none', sub: null, header: () => undefined },
  { name: 'empty header', sub: null, header: () => '' },
  { name: 'Basic scheme', sub: null, header: () => 'Basic dXNlcjpwYXNzd29yZA==' },
  { name: 'scheme only', sub: null, header: () => 'Bearer' },
  { name: 'token without scheme', sub: null, header: (w) => valid(w.owner) },
  { name: 'Token scheme', sub: null, header: (w) => `Token ${valid(w.owner)}` },
  { name: 'two tokens', sub: null, header: (w) => `Bearer ${valid(w.owner)} ${valid(w.owner)}` },
  { name: 'expired', sub: null, header: (w) => `Bearer ${sign({ ...standard(w.owner), iat: now() - 3600, exp: now() - 60 }, derivedKey())}` },
  { name: 'nbf in the future', sub: null, header: (w) => `Bearer ${sign({ ...standard(w.owner), nbf: now() + 120 }, derivedKey())}` },
  { name: 'iat in the future', sub: null, header: (w) => `Bearer ${sign({ ...standard(w.owner), iat: now() + 120 }, derivedKey())}` },
  { name: 'wrong iss', sub: null, header: (w) => `Bearer ${sign({ ...standard(w.owner), iss: 'https://evil.example' }, derivedKey())}` },
  { name: 'wrong aud', sub: null, header: (w) => `Bearer ${sign({ ...standard(w.owner), aud: 'https://evil.example' }, derivedKey())}` },
  { name: 'no exp', sub: null, header: (w) => `Bearer ${sign({ sub: w.owner, iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now() }, derivedKey())}` },
  { name: 'no sub', sub: null, header: () => `Bearer ${sign({ ...standard(undefined) }, derivedKey())}` },
  { name: 'empty sub', sub: null, header: () => `Bearer ${sign(standard(''), derivedKey())}` },
  { name: 'blank sub', sub: null, header: () => `Bearer ${sign(standard('   '), derivedKey())}` },
  { name: 'numeric sub', sub: null, header: () => `Bearer ${sign(standard(42), derivedKey())}` },
  { name: 'sub with NUL', sub: null, header: (w) => `Bearer ${sign(standard(`${w.owner}\u0000`), derivedKey())}` },
  { name: 'alg none', sub: null, header: (w) => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(standard(w.owner))}.` },
  { name: 'alg HS512', sub: null, header: (w) => `Bearer ${sign(standard(w.owner), derivedKey(), { algorithm: 'HS512' })}` },
  { name: 'signed with the raw secret', sub: null, header: (w) => `Bearer ${sign(standard(w.owner), Buffer.from(TEST_SECRET))}` },
  { name: 'signed with another key', sub: null, header: (w) => `Bearer ${sign(standard(w.owner), randomBytes(32))}` },
  {
    name: 'payload swapped (other user, owner signature)',
    sub: null,
    header: (w) => {
      const [head, , signature] = valid(w.owner).split('.');
      return `Bearer ${head}.${b64(standard(w.other))}.${signature}`;
    },
  },
  {
    name: 'signature altered',
    sub: null,
    header: (w) => {
      const token = valid(w.owner);
      const last = token.at(-2) === 'A' ? 'B' : 'A';
      return `Bearer ${token.slice(0, -2)}${last}${token.at(-1)}`;
    },
  },
  { name: 'token over 8 KiB', sub: null, header: (w) => `Bearer ${sign({ ...standard(w.owner), pad: 'x'.repeat(8 * 1024) }, derivedKey())}` },
];

const INVALID_AUTH = AUTH_VARIANTS.filter((variant) => variant.sub === null);

/** Random Authorization values: never a valid token, so always a 401. */
const garbageAuth: fc.Arbitrary<AuthVariant> = fc
  .oneof(
    fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,300}=*$/).map((token) => `Bearer ${token}`),
    fc.string({ unit: 'binary-ascii', maxLength: 400 }).filter((text) => /^[\t\x20-\x7e]*$/.test(text)),
    fc
      .tuple(fc.constantFrom('eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJub25lIn0', 'e30'), fc.base64String(), fc.base64String())
      .map(([head, body, signature]) => `Bearer ${head}.${body.replace(/=/g, '')}.${signature.replace(/=/g, '')}`),
  )
  .map((value) => ({ name: `garbage ${JSON.stringify(value)}`, sub: null, header: () => value }));

export const authArbitrary: fc.Arbitrary<AuthVariant> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...AUTH_VARIANTS.filter((variant) => variant.sub !== null)) },
  { weight: 4, arbitrary: fc.constantFrom(...AUTH_VARIANTS.filter((variant) => variant.sub === null)) },
  { weight: 2, arbitrary: garbageAuth },
);

// ---------------------------------------------------------------- path segments

/** The `{user_id}` segment: the owner's id (also percent-encoded), or someone else's. */
export interface UserSegment {
  name: string;
  of: 'owner' | 'other' | 'stranger';
  segment(world: FuzzWorld): string;
}

const percentEncodeAll = (text: string) =>
  Array.from(Buffer.from(text, 'utf8'))
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');

export const userSegmentArbitrary: fc.Arbitrary<UserSegment> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<UserSegment>({ name: 'owner', of: 'owner', segment: (w) => encodeURIComponent(w.owner) }) },
  { weight: 1, arbitrary: fc.constant<UserSegment>({ name: 'owner, every byte percent-encoded', of: 'owner', segment: (w) => percentEncodeAll(w.owner) }) },
  { weight: 2, arbitrary: fc.constant<UserSegment>({ name: 'other user', of: 'other', segment: (w) => encodeURIComponent(w.other) }) },
  { weight: 1, arbitrary: fc.constant<UserSegment>({ name: 'owner upper-cased', of: 'stranger', segment: (w) => encodeURIComponent(w.owner.toUpperCase()) }) },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter((text) => text.isWellFormed() && text !== '.' && text !== '..')
      .map((text) => ({ name: `stranger ${JSON.stringify(text)}`, of: 'stranger' as const, segment: () => encodeURIComponent(text) })),
  },
);

/** The `{id}` segment: the owner's task, the other user's, a missing UUID, or not a UUID. */
export interface IdSegment {
  name: string;
  /** ownerTask/otherTask exist (each is found only by its own user), missing is a UUID nobody has. */
  kind: 'ownerTask' | 'otherTask' | 'missing' | 'invalid';
  segment(world: FuzzWorld): string;
}

export const idSegmentArbitrary: fc.Arbitrary<IdSegment> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<IdSegment>({ name: "owner's task", kind: 'ownerTask', segment: (w) => w.ownTaskId }) },
  { weight: 2, arbitrary: fc.constant<IdSegment>({ name: "other user's task", kind: 'otherTask', segment: (w) => w.otherTaskId }) },
  { weight: 2, arbitrary: fc.uuid().map((id) => ({ name: `missing ${id}`, kind: 'missing' as const, segment: () => id })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((text) => text.isWellFormed()),
        fc.constantFrom('1', '0', '-1', 'null', 'undefined', "' OR 1=1 --", '../..', '%', '00000000-0000-0000-0000-00000000000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'),
        fc.uuid().map((id) => `${id}x`),
        fc.uuid().map((id) => ` ${id}`),
        fc.uuid().map((id) => id.replace(/-/g, '')),
      )
      .filter((text) => !UUID.test(text) && text !== '.' && text !== '..')
      .map((text) => ({ name: `invalid ${JSON.stringify(text)}`, kind: 'invalid' as const, segment: () => encodeURIComponent(text) })),
  },
);

/** The `{name}` segment of the labels routes: the owner's label (any spelling), the other user's, a name nobody has, or no label's name. */
export interface LabelSegment {
  name: string;
  kind: 'ownerLabel' | 'otherLabel' | 'missing' | 'invalid';
  segment(world: FuzzWorld): string;
}

const validLabel = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((text) => text.trim() !== '' && !text.includes(',') && !text.includes('\u0000') && text.isWellFormed() && Array.from(text.trim()).length <= 50);

export const labelSegmentArbitrary: fc.Arbitrary<LabelSegment> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom((l: string) => l, (l: string) => l.toLowerCase(), (l: string) => l.toUpperCase(), (l: string) => ` ${l} `)
      .map((spell) => ({ name: "owner's label", kind: 'ownerLabel' as const, segment: (w: FuzzWorld) => encodeURIComponent(spell(w.ownLabel)) })),
  },
  { weight: 2, arbitrary: fc.constant<LabelSegment>({ name: "other user's label", kind: 'otherLabel', segment: (w) => encodeURIComponent(w.otherLabel) }) },
  {
    weight: 2,
    arbitrary: validLabel
      .filter((text) => !['owned', 'foreign'].includes(text.trim().toLowerCase()) && text.trim() !== '.' && text.trim() !== '..')
      .map((text) => ({ name: `missing ${JSON.stringify(text)}`, kind: 'missing' as const, segment: () => encodeURIComponent(text) })),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom('a,b', ',', ' ', '   ', 'a\u0000b', 'x'.repeat(51), '\u{1F600}'.repeat(51)),
        fc.tuple(validLabel, validLabel).map(([a, b]) => `${a},${b}`),
      )
      .map((text) => ({ name: `invalid ${JSON.stringify(text)}`, kind: 'invalid' as const, segment: () => encodeURIComponent(text) })),
  },
);

// ---------------------------------------------------------------- list query

export interface QuerySpec {
  text: string;
  valid: boolean;
}

const validPairs: fc.Arbitrary<[string, string]>[] = [
  fc.constantFrom('all', 'pending', 'completed').map((v): [string, string] => ['status', v]),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 50 }).filter((q) => !q.includes('\u0000')).map((v): [string, string] => ['q', v]),
  fc.constantFrom('low', 'medium', 'high').map((v): [string, string] => ['priority', v]),
  fc.constantFrom('created', 'updated', 'title', 'dueDate', 'priority').map((v): [string, string] => ['sort', v]),
  fc.constantFrom('asc', 'desc').map((v): [string, string] => ['order', v]),
  fc.integer({ min: 1, max: 100 }).map((v): [string, string] => ['limit', String(v)]),
  fc.integer({ min: 0, max: 1_000_000 }).map((v): [string, string] => ['offset', String(v)]),
  fc.array(validLabel, { minLength: 1, maxLength: 3 }).map((v): [string, string] => ['labels', v.join(',')]),
  fc.constantFrom('2024-02-29', '2026-01-01', '0001-01-01', '9999-12-31').map((v): [string, string] => ['dueFrom', v]),
  fc.constantFrom('2024-02-29', '2026-01-01', '0001-01-01', '9999-12-31').map((v): [string, string] => ['dueTo', v]),
  fc.constantFrom('none', 'any').map((v): [string, string] => ['due', v]),
];

/** The v1.1 rules between parameters: dueFrom not after dueTo; due with neither. */
function pairsAgree(pairs: [string, string][]): boolean {
  const value = (name: string) => pairs.find(([n]) => n === name)?.[1];
  const [from, to, due] = [value('dueFrom'), value('dueTo'), value('due')];
  if (due !== undefined && (from !== undefined || to !== undefined)) return false;
  return from === undefined || to === undefined || from <= to;
}

const badPair: fc.Arbitrary<[string, string]> = fc.oneof(
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 })
    .filter((name) => !['status', 'q', 'priority', 'sort', 'order', 'limit', 'offset', 'cursor', 'labels', 'dueFrom', 'dueTo', 'due'].includes(name))
    .map((name): [string, string] => [name, 'x']),
  fc.constantFrom<[string, string]>(
    ['Status', 'all'],
    ['__proto__', 'x'],
    ['constructor', 'x'],
    ['status', ''],
    ['status', 'ALL'],
    ['status', 'done'],
    ['priority', 'urgent'],
    ['priority', 'Low'],
    ['sort', 'due_date'],
    ['sort', 'id'],
    ['sort', 'title;DROP TABLE tasks'],
    ['order', 'ascending'],
    ['limit', '0'],
    ['limit', '101'],
    ['limit', '-1'],
    ['limit', '1.5'],
    ['limit', '1e2'],
    ['limit', 'ten'],
    ['limit', ''],
    ['offset', '-1'],
    ['offset', '1000000001'],
    ['offset', '99999999999999999999'],
    ['offset', '0x10'],
    ['q', ''],
    ['q', 'a\u0000b'],
    ['cursor', ''],
    ['cursor', 'not a cursor'],
    ['cursor', 'eyJrIjpudWxsfQ'],
    ['labels', ''],
    ['labels', 'a,,b'],
    ['labels', 'a,'],
    ['labels', ','],
    ['labels', ' '],
    ['labels', 'x'.repeat(51)],
    ['labels', 'a\u0000'],
    ['dueFrom', '2026-02-30'],
    ['dueFrom', '2026-1-1'],
    ['dueTo', 'tomorrow'],
    ['dueTo', '2026-01-01T00:00:00Z'],
    ['due', 'overdue'],
    ['due', 'None'],
    ['cursor', Buffer.from(JSON.stringify({ k: '2026-01-01T00:00:00.000000Z', i: '00000000-0000-4000-8000-000000000000', s: 'forged' })).toString('base64url')],
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1001, maxLength: 1200 }).map((q): [string, string] => ['q', q]),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }).filter((v) => !['all', 'pending', 'completed'].includes(v)).map((v): [string, string] => ['status', v]),
);

function queryText(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

export const queryArbitrary: fc.Arbitrary<QuerySpec> = fc.oneof(
  fc
    .uniqueArray(fc.oneof(...validPairs), { maxLength: 4, selector: ([name]) => name })
    .map((pairs) => ({ text: queryText(pairs), valid: pairsAgree(pairs) })),
  fc
    .tuple(fc.uniqueArray(fc.oneof(...validPairs), { maxLength: 3, selector: ([name]) => name }), badPair, fc.nat())
    .map(([pairs, bad, at]) => {
      const all = [...pairs];
      all.splice(at % (all.length + 1), 0, bad);
      return { text: queryText(all), valid: false };
    }),
  // A repeated parameter, even with a valid value each time.
  fc.oneof(...validPairs).map(([name, value]) => ({ text: queryText([[name, value], [name, value]]), valid: false })),
  // A parameter with no `=`: an empty value.
  fc.constantFrom('status', 'q', 'limit', 'offset', 'labels', 'due').map((name) => ({ text: name, valid: false })),
);

// ---------------------------------------------------------------- bodies

/** What the body decides: fine for the route, a 400, or no body at all. */
type JsonVerdict = 'ok' | 'bad';

export interface BodySpec {
  name: string;
  bytes?: Buffer;
  contentType?: string;
  chunked: boolean;
  /** Meaningful when the bytes reach validation. */
  json: JsonVerdict;
}

const validTitle = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
  .filter((t) => t.trim() !== '' && !t.includes('\u0000') && t.isWellFormed() && Array.from(t.trim()).length <= 200);
const validField: Record<string, fc.Arbitrary<unknown>> = {
  title: validTitle,
  description: fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 100 }).filter((d) => !d.includes('\u0000'))),
  completed: fc.boolean(),
  priority: fc.constantFrom('low', 'medium', 'high'),
  dueDate: fc.oneof(fc.constant(null), fc.constantFrom('2024-02-29', '2000-01-01', '1999-12-31', '9999-12-31', '0001-01-01')),
  labels: fc.uniqueArray(validLabel, { maxLength: 3, selector: (label) => label.trim().toLowerCase() }),
  recurrence: fc.oneof(
    fc.constant(null),
    fc.record({ every: fc.constantFrom('day', 'week', 'month', 'year'), interval: fc.integer({ min: 1, max: 365 }) }),
  ),
  remindAt: fc.oneof(fc.constant(null), fc.constantFrom('2026-12-01T09:00:00Z', '2026-12-01T09:00:00.123+01:00', '2024-02-29T23:59-05:30')),
};

const notCalendarDate = fc.oneof(
  fc.constantFrom('', '2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-04-31', '0000-01-01', '2024-1-1', '24-01-01', '2024-01-01T00:00:00Z', ' 2024-01-01', '2024/01/01'),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
);

const invalidField: Record<string, fc.Arbitrary<unknown>> = {
  title: fc.oneof(
    fc.constantFrom('', '   ', '\t\n', 'a\u0000b', '\ud800', 'x\udfffy', null, 0, 1, true, false, [], {}, ['a']),
    fc.integer({ min: 201, max: 400 }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: 201, max: 260 }).map((n) => '\u{1F600}'.repeat(n)),
  ),
  description: fc.oneof(
    fc.constantFrom('a\u0000b', '\ud800', 0, true, [], {}, ['a']),
    fc.integer({ min: 1001, max: 1500 }).map((n) => 'd'.repeat(n)),
  ),
  completed: fc.constantFrom('true', 'false', 1, 0, null, [], {}, 'yes'),
  priority: fc.oneof(
    fc.constantFrom(null, 'Low', 'HIGH', 'urgent', '', 1, true, [], {}),
    fc.string({ maxLength: 10 }).filter((p) => !['low', 'medium', 'high'].includes(p)),
  ),
  dueDate: notCalendarDate,
  labels: fc.oneof(
    fc.constantFrom(null, 'work', 1, {}, [''], ['  '], ['a,b'], ['a\u0000'], ['Work', 'work'], ['a', ' a'], [1], [null], ['x'.repeat(51)]),
    fc.integer({ min: 21, max: 30 }).map((n) => Array.from({ length: n }, (_, i) => `label ${i}`)),
  ),
  recurrence: fc.constantFrom(
    'daily',
    1,
    [],
    { every: 'hour', interval: 1 },
    { every: 'day', interval: 0 },
    { every: 'day', interval: 366 },
    { every: 'day', interval: 1.5 },
    { every: 'day', interval: '1' },
    { every: 'day' },
    { interval: 1 },
    { every: 'day', interval: 1, at: 'noon' },
    { every: null, interval: 1 },
  ),
  remindAt: fc.constantFrom('', '2026-12-01T09:00:00', '2026-12-01', '2026-02-30T09:00:00Z', '2026-12-01T24:00:00Z', 'soon', 1796112000000, true, [], {}),
};

const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('id', 'userId', 'completedAt', 'createdAt', 'updatedAt', 'version', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Title', 'user_id', ''),
  fc.string({ maxLength: 15 }).filter((key) => !FIELDS.includes(key)),
);

/** A JSON object with one or more valid fields from `fields`. */
function validObject(fields: string[], requireTitle: boolean, minKeys = 0): fc.Arbitrary<Record<string, unknown>> {
  const required = requireTitle ? ['title'] : [];
  return (
    fc
      .record(Object.fromEntries(fields.map((field) => [field, validField[field]])), { requiredKeys: required })
      .filter((object) => Object.keys(object).length >= minKeys)
      // A recurrence needs a due date: valid alone only with one in the same body.
      .filter((object) => object['recurrence'] == null || typeof object['dueDate'] === 'string')
  );
}

/** JSON text of an object; `__proto__` stays an own key (JSON.stringify of a literal would drop it). */
function objectJson(entries: [string, unknown][]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`;
}

/** Bodies that are invalid JSON for every route: not JSON, not an object, invalid UTF-8. */
const notAnObject: fc.Arbitrary<{ name: string; bytes: Buffer }> = fc.oneof(
  fc.constantFrom('{', '{"title":', '{bad', "{'title':'x'}", '{"title":"x",}', 'null', 'true', '1', '"title"', '[]', '[{"title":"x"}]', 'undefined', '{"title":"x"}{"title":"y"}', 'NaN').map((text) => ({
    name: `text ${JSON.stringify(text)}`,
    bytes: Buffer.from(text),
  })),
  fc.string({ unit: 'binary', maxLength: 200 }).filter((text) => {
    try {
      const parsed = JSON.parse(text);
      return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
    } catch {
      return true;
    }
  }).filter((text) => text.length > 0 && text.isWellFormed()).map((text) => ({ name: `text ${JSON.stringify(text)}`, bytes: Buffer.from(text) })),
  fc.json().filter((text) => {
    const parsed = JSON.parse(text);
    return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
  }).map((text) => ({ name: `json ${text}`, bytes: Buffer.from(text) })),
  fc.constant({ name: 'invalid UTF-8', bytes: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) }),
);

type BodyRoute = 'create' | 'update' | 'complete' | 'bulk' | 'labelRename';

const uuids = (min: number, max: number) => fc.uniqueArray(fc.uuid(), { minLength: min, maxLength: max, selector: (id) => id.toLowerCase() });

/** Valid bulk bodies: a label with the label actions, none with the others. */
const validBulk: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ action: fc.constantFrom('complete', 'reopen', 'delete'), ids: uuids(1, 3) }),
  fc.record({ action: fc.constantFrom('addLabel', 'removeLabel'), ids: uuids(1, 3), label: validLabel }),
);

const invalidBulk: fc.Arbitrary<[string, unknown][]> = fc.oneof(
  validBulk.chain((body) =>
    fc
      .constantFrom<[string, unknown]>(
        ['action', 'archive'],
        ['action', 'Complete'],
        ['action', null],
        ['action', 1],
        ['ids', []],
        ['ids', 'x'],
        ['ids', null],
        ['ids', ['not-a-uuid']],
        ['ids', [1]],
        ['ids', ['3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11', '3F0C6C1E-8A6F-4A7E-9A51-0C2F3B8F2D11']],
        ['ids', Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)],
      )
      .map(([field, value]) => [...Object.entries(body).filter(([key]) => key !== field), [field, value]] as [string, unknown][]),
  ),
  // A label with an action that takes none, none with one that needs it, or an invalid one.
  fc.record({ action: fc.constantFrom('complete', 'reopen', 'delete'), ids: uuids(1, 2), label: validLabel }).map((body) => Object.entries(body)),
  fc.record({ action: fc.constantFrom('addLabel', 'removeLabel'), ids: uuids(1, 2) }).map((body) => Object.entries(body)),
  fc
    .record({ action: fc.constantFrom('addLabel', 'removeLabel'), ids: uuids(1, 2), label: fc.constantFrom('', ' ', 'a,b', 'x'.repeat(51), null, 1) })
    .map((body) => Object.entries(body)),
  fc
    .tuple(validBulk, unknownKey.filter((key) => !['action', 'ids', 'label'].includes(key)), fc.jsonValue())
    .map(([object, key, value]) => [...Object.entries(object), [key, value]] as [string, unknown][]),
);

/** JSON objects that break a field rule for `route`. */
function invalidObjects(route: BodyRoute): fc.Arbitrary<{ name: string; bytes: Buffer }> {
  const asText = (entries: fc.Arbitrary<[string, unknown][]>) =>
    entries.map((list) => {
      const text = objectJson(list);
      return { name: `object ${text.slice(0, 300)}`, bytes: Buffer.from(text) };
    });
  if (route === 'bulk') return asText(invalidBulk);
  if (route === 'labelRename') {
    return asText(
      fc.oneof(
        fc.constantFrom<[string, unknown][]>([], [['name', '']], [['name', ' ']], [['name', 'a,b']], [['name', 'x'.repeat(51)]], [['name', null]], [['name', 1]], [['name', 'a\u0000']]),
        fc.tuple(validLabel, unknownKey, fc.jsonValue()).filter(([, key]) => key !== 'name').map(([name, key, value]) => [['name', name], [key, value]] as [string, unknown][]),
      ),
    );
  }
  const fields = route === 'complete' ? ['completed'] : FIELDS;
  const base = route === 'complete' ? validObject(['completed'], false) : validObject(FIELDS, route === 'create');
  const wrongValue = fc
    .tuple(base, fc.constantFrom(...fields))
    .chain(([object, field]) => invalidField[field].map((value) => [...Object.entries(object).filter(([key]) => key !== field), [field, value]] as [string, unknown][]));
  const extraKey = fc.tuple(base, unknownKey, fc.jsonValue()).map(([object, key, value]) => [...Object.entries(object).filter(([k]) => k !== key), [key, value]] as [string, unknown][]);
  const options: fc.Arbitrary<[string, unknown][]>[] = [wrongValue, extraKey];
  if (route === 'create') options.push(validObject(FIELDS.filter((f) => f !== 'title'), false).map((object) => Object.entries(object)));
  if (route === 'update' || route === 'complete') options.push(fc.constant([]));
  if (route === 'complete') options.push(validObject(['title', 'priority'], false, 1).map((object) => Object.entries(object)));
  return asText(fc.oneof(...options));
}

function validObjects(route: BodyRoute): fc.Arbitrary<{ name: string; bytes: Buffer }> {
  const object =
    route === 'bulk'
      ? validBulk
      : route === 'labelRename'
        ? fc.record({ name: validLabel })
        : route === 'create'
          ? validObject(FIELDS, true)
          : route === 'update'
            ? validObject(FIELDS, false, 1)
            : validObject(['completed'], false, 1);
  return object.map((value) => ({ name: `valid ${JSON.stringify(value).slice(0, 200)}`, bytes: Buffer.from(JSON.stringify(value)) }));
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset="UTF-8"', 'application/json; foo=bar'];
const notJsonType = fc.oneof(
  fc.constantFrom('text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'application/json-patch+json', 'json', '*/*', 'not a media type', 'application/xml', ''),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).filter((t) => /^[\x20-\x7e]*$/.test(t) && !/json/i.test(t)),
);

/** A valid object padded to exactly `size` bytes with spaces (still valid JSON). */
function padded(json: string, size: number): Buffer {
  return Buffer.from(json.replace(/}$/, `${' '.repeat(Math.max(0, size - json.length))}}`));
}

export function bodyArbitrary(route: BodyRoute): fc.Arbitrary<BodySpec> {
  const jsonType = fc.constantFrom(...JSON_TYPES);
  const withType = (content: fc.Arbitrary<{ name: string; bytes: Buffer }>, json: JsonVerdict) =>
    fc.tuple(content, jsonType, fc.boolean()).map(([c, contentType, chunked]) => ({ ...c, contentType, chunked, json }));
  return fc.oneof(
    { weight: 3, arbitrary: withType(validObjects(route), 'ok') },
    { weight: 4, arbitrary: withType(invalidObjects(route), 'bad') },
    { weight: 2, arbitrary: withType(notAnObject, 'bad') },
    // Not JSON by Content-Type, whatever the bytes.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(validObjects(route), notAnObject), notJsonType, fc.boolean())
        .map(([c, contentType, chunked]) => ({ ...c, name: `${c.name} as ${JSON.stringify(contentType)}`, contentType, chunked, json: 'bad' as const })),
    },
    // Bytes with no Content-Type at all.
    { weight: 1, arbitrary: validObjects(route).map((c) => ({ ...c, name: `${c.name} without Content-Type`, contentType: undefined, chunked: false, json: 'ok' as const })) },
    // Over 64 KiB: valid JSON or not, typed or not, declared or chunked.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 40_000 }), fc.option(fc.oneof(jsonType, notJsonType), { nil: undefined }), fc.boolean(), fc.boolean())
        .map(([extra, contentType, chunked, json]) => ({
          name: `${BODY_LIMIT + extra} bytes${chunked ? ', chunked' : ''}`,
          bytes: json ? padded(route === 'complete' ? '{"completed":true}' : '{"title":"x"}', BODY_LIMIT + extra) : Buffer.alloc(BODY_LIMIT + extra, 'a'),
          contentType,
          chunked,
          json: 'ok' as const,
        })),
    },
    // Exactly 64 KiB of valid JSON whose description is too long: a 400, not a 413.
    ...(route === 'complete'
      ? []
      : [
          {
            weight: 1,
            arbitrary: jsonType.map((contentType) => ({
              name: 'exactly 64 KiB, description too long',
              bytes: padded(JSON.stringify({ title: 'x', description: 'd'.repeat(2000) }), BODY_LIMIT),
              contentType,
              chunked: false,
              json: 'bad' as const,
            })),
          },
        ]),
    // No body at all, or an empty one with a JSON type.
    { weight: 1, arbitrary: fc.constant<BodySpec>({ name: 'no body', chunked: false, json: 'ok' }) },
    { weight: 1, arbitrary: jsonType.map((contentType) => ({ name: 'empty body', bytes: Buffer.alloc(0), contentType, chunked: false, json: 'ok' as const })) },
  );
}

// ---------------------------------------------------------------- headers

export interface HeaderSpec {
  value?: string;
  /** If-Match: whether it lets a write to the owner's task proceed. Idempotency-Key: whether it is well-formed. */
  ok: boolean;
}

export const ifMatchArbitrary: fc.Arbitrary<HeaderSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<HeaderSpec>({ value: undefined, ok: true }) },
  { weight: 2, arbitrary: fc.constantFrom('*', ' * ', '"1"', '"7", "1"', '"1",W/"2"').map((value) => ({ value, ok: true })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom('"999"', 'W/"1"', '"01"', '1', '"1', '**', '', '"2"', '"-1"', '"1.0"', 'null'),
        fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter((t) => /^[\x20-\x7e]*$/.test(t)),
      )
      .filter((value) => value.trim() !== '*' && !value.includes('"1"'))
      .map((value) => ({ value, ok: false })),
  },
);

export const idempotencyKeyArbitrary: fc.Arbitrary<HeaderSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<HeaderSpec>({ value: undefined, ok: true }) },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary-ascii', minLength: 1, maxLength: 255 })
      .filter((key) => /^[\x20-\x7e]+$/.test(key) && key.trim() !== '')
      .map((value) => ({ value, ok: true })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom('', '   ', 'a\tb', 'caf\u00e9', '\u00ff'),
        fc.integer({ min: 256, max: 400 }).map((n) => 'k'.repeat(n)),
      )
      .map((value) => ({ value, ok: false })),
  },
);

/** Headers that must not change the answer. */
export const noiseHeadersArbitrary = fc.dictionary(
  fc.constantFrom('x-request-id', 'accept', 'origin', 'cookie', 'x-forwarded-for', 'accept-language', 'user-agent', 'referer'),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }).filter((t) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(t)),
  { maxKeys: 3 },
);

// ---------------------------------------------------------------- cases and the oracle

export type Route = 'list' | 'create' | 'get' | 'update' | 'delete' | 'complete' | 'bulk' | 'labelList' | 'labelRename' | 'labelDelete' | 'unknown';

const BODY_ROUTES: Route[] = ['create', 'update', 'complete', 'bulk', 'labelRename'];
const ITEM_ROUTES: Route[] = ['get', 'update', 'delete', 'complete'];
const LABEL_ROUTES: Route[] = ['labelRename', 'labelDelete'];

export interface FuzzCase {
  route: Route;
  auth: AuthVariant;
  user: UserSegment;
  id: IdSegment;
  label: LabelSegment;
  query: QuerySpec;
  body: BodySpec;
  ifMatch: HeaderSpec;
  idempotencyKey: HeaderSpec;
  unknownPath: { method: string; suffix: string };
  noise: Record<string, string>;
  /** Which defect to add when the generated request happens to be valid. */
  forcedDefect: number;
}

const unknownPathArbitrary = fc.constantFrom(
  { method: 'GET', suffix: '' },
  { method: 'GET', suffix: '/task' },
  { method: 'PATCH', suffix: '/tasks' },
  { method: 'DELETE', suffix: '/tasks' },
  { method: 'PUT', suffix: '/tasks' },
  { method: 'POST', suffix: '/tasks/{id}' },
  { method: 'GET', suffix: '/tasks/{id}/complete' },
  { method: 'POST', suffix: '/tasks/{id}/complete' },
  { method: 'GET', suffix: '/tasks/{id}/other' },
  { method: 'GET', suffix: '/tasks/{id}/complete/x' },
);

export const caseArbitrary: fc.Arbitrary<FuzzCase> = fc
  .constantFrom<Route>('list', 'create', 'get', 'update', 'delete', 'complete', 'bulk', 'labelList', 'labelRename', 'labelDelete', 'unknown')
  .chain((route) =>
    fc.record({
      route: fc.constant(route),
      auth: authArbitrary,
      user: userSegmentArbitrary,
      id: idSegmentArbitrary,
      label: labelSegmentArbitrary,
      query: queryArbitrary,
      body: BODY_ROUTES.includes(route)
        ? bodyArbitrary(route as BodyRoute)
        : fc.constant<BodySpec>({ name: 'no body', chunked: false, json: 'ok' }),
      ifMatch: ifMatchArbitrary,
      idempotencyKey: idempotencyKeyArbitrary,
      unknownPath: unknownPathArbitrary,
      noise: noiseHeadersArbitrary,
      forcedDefect: fc.nat(),
    }),
  )
  .map(withDefect);

/** API.md's media-type rule: application/json, parameters allowed, charset (if any) UTF-8. */
function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='));
  return type === 'application/json' && (charset === undefined || /^charset="?utf-8"?$/.test(charset));
}

/** The status API.md's order of checks gives `c`, or 'success' when nothing is wrong with it. */
export function expectedStatus(c: FuzzCase): number | 'success' {
  if (c.auth.sub === null) return 401;
  if (c.route === 'unknown') return 404;
  if (c.auth.sub !== c.user.of) return 403;
  const item = ITEM_ROUTES.includes(c.route);
  if (item && c.id.kind === 'invalid') return 400;
  if (LABEL_ROUTES.includes(c.route) && c.label.kind === 'invalid') return 400;
  if (c.route === 'list') return c.query.valid ? 'success' : 400;
  if (c.route === 'labelList') return 'success';
  if (c.route === 'create' && !c.idempotencyKey.ok) return 400;
  if (BODY_ROUTES.includes(c.route)) {
    const size = c.body.bytes?.length ?? 0;
    if (size > BODY_LIMIT) return 413;
    const none = size === 0 && (c.body.contentType === undefined || isJsonType(c.body.contentType));
    if (!none && !isJsonType(c.body.contentType)) return 415;
    if (none) {
      if (c.route !== 'complete') return 400;
    } else if (c.body.json === 'bad') {
      return 400;
    }
  }
  if (c.route === 'create' || c.route === 'bulk') return 'success';
  if (LABEL_ROUTES.includes(c.route)) {
    const has = (c.label.kind === 'ownerLabel' && c.auth.sub === 'owner') || (c.label.kind === 'otherLabel' && c.auth.sub === 'other');
    return has ? 'success' : 404;
  }
  const exists = (c.id.kind === 'ownerTask' && c.auth.sub === 'owner') || (c.id.kind === 'otherTask' && c.auth.sub === 'other');
  if (!exists) return 404;
  if (c.route !== 'get' && !c.ifMatch.ok) return 412;
  return 'success';
}

/** Turns a request that would succeed into a bad one, choosing among the defects its route can have. */
function withDefect(c: FuzzCase): FuzzCase {
  if (expectedStatus(c) !== 'success') return c;
  const defects: ((c: FuzzCase) => FuzzCase)[] = [
    (x) => ({ ...x, auth: INVALID_AUTH[x.forcedDefect % INVALID_AUTH.length] }),
    (x) => ({ ...x, user: { name: 'other user', of: 'other', segment: (w) => encodeURIComponent(w.other) } }),
  ];
  if (c.route === 'list') defects.push((x) => ({ ...x, query: { text: 'limit=0', valid: false } }));
  if (LABEL_ROUTES.includes(c.route)) {
    defects.push((x) => ({ ...x, label: { name: 'invalid "a,b"', kind: 'invalid', segment: () => 'a%2Cb' } }));
    defects.push((x) => ({ ...x, label: { name: 'missing "nobody has it"', kind: 'missing', segment: () => 'nobody%20has%20it' } }));
  }
  if (ITEM_ROUTES.includes(c.route)) {
    defects.push((x) => ({ ...x, id: { name: 'invalid "not-a-uuid"', kind: 'invalid', segment: () => 'not-a-uuid' } }));
    defects.push((x) => ({ ...x, id: { name: 'missing 3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11', kind: 'missing', segment: () => '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11' } }));
  }
  if (c.route === 'update' || c.route === 'delete' || c.route === 'complete') {
    defects.push((x) => ({ ...x, ifMatch: { value: '"999"', ok: false } }));
  }
  if (BODY_ROUTES.includes(c.route)) {
    defects.push((x) => ({ ...x, body: { ...x.body, name: `${x.body.name} as text/plain`, bytes: x.body.bytes ?? Buffer.from('{}'), contentType: 'text/plain' } }));
    defects.push((x) => ({ ...x, body: { name: 'unknown field id', bytes: Buffer.from('{"id":"x","completed":true,"title":"x"}'), contentType: 'application/json', chunked: false, json: 'bad' } }));
  }
  const broken = defects[c.forcedDefect % defects.length](c);
  return expectedStatus(broken) === 'success' ? { ...broken, auth: INVALID_AUTH[0] } : broken;
}

/** The HTTP request of a case. */
export function requestOf(c: FuzzCase, world: FuzzWorld): { method: string; path: string; headers: Record<string, string>; body?: Buffer; chunked: boolean } {
  const base = `/api/${c.user.segment(world)}`;
  const id = c.id.segment(world);
  const headers: Record<string, string> = { ...c.noise };
  const authorization = c.auth.header(world);
  if (authorization !== undefined) headers['authorization'] = authorization;
  let method: string;
  let path: string;
  let body: Buffer | undefined;
  switch (c.route) {
    case 'list':
      method = 'GET';
      path = `${base}/tasks${c.query.text ? `?${c.query.text}` : ''}`;
      break;
    case 'create':
      method = 'POST';
      path = `${base}/tasks`;
      if (c.idempotencyKey.value !== undefined) headers['idempotency-key'] = c.idempotencyKey.value;
      break;
    case 'get':
      method = 'GET';
      path = `${base}/tasks/${id}`;
      break;
    case 'update':
      method = 'PUT';
      path = `${base}/tasks/${id}`;
      break;
    case 'delete':
      method = 'DELETE';
      path = `${base}/tasks/${id}`;
      break;
    case 'complete':
      method = 'PATCH';
      path = `${base}/tasks/${id}/complete`;
      break;
    case 'bulk':
      method = 'POST';
      path = `${base}/tasks/bulk`;
      break;
    case 'labelList':
      method = 'GET';
      path = `${base}/labels`;
      break;
    case 'labelRename':
      method = 'PUT';
      path = `${base}/labels/${c.label.segment(world)}`;
      break;
    case 'labelDelete':
      method = 'DELETE';
      path = `${base}/labels/${c.label.segment(world)}`;
      break;
    default:
      method = c.unknownPath.method;
      path = `${base}${c.unknownPath.suffix.replace('{id}', id)}`;
  }
  if (c.route === 'update' || c.route === 'delete' || c.route === 'complete') {
    if (c.ifMatch.value !== undefined) headers['if-match'] = c.ifMatch.value;
  }
  if (BODY_ROUTES.includes(c.route)) {
    body = c.body.bytes;
    if (c.body.contentType !== undefined) headers['content-type'] = c.body.contentType;
  }
  return { method, path, headers, body, chunked: c.body.chunked };
}

/** A one-line description of a case for failure messages. */
export function describeCase(c: FuzzCase): string {
  return [
    c.route,
    `auth=${c.auth.name}`,
    `user=${c.user.name}`,
    ITEM_ROUTES.includes(c.route) ? `id=${c.id.name}` : '',
    LABEL_ROUTES.includes(c.route) ? `label=${c.label.name}` : '',
    c.route === 'list' ? `query=${JSON.stringify(c.query.text)}` : '',
    BODY_ROUTES.includes(c.route) ? `body=${c.body.name} type=${JSON.stringify(c.body.contentType)}${c.body.chunked ? ' chunked' : ''}` : '',
    ['update', 'delete', 'complete'].includes(c.route) && c.ifMatch.value !== undefined ? `if-match=${JSON.stringify(c.ifMatch.value)}` : '',
    c.route === 'create' && c.idempotencyKey.value !== undefined ? `idempotency-key=${JSON.stringify(c.idempotencyKey.value.slice(0, 40))}` : '',
    c.route === 'unknown' ? `${c.unknownPath.method} ${c.unknownPath.suffix}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
