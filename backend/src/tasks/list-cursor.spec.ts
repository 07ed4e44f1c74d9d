import { createHash } from 'node:crypto';
import { InvalidListCursorError } from './domain/task.errors';
import { CursorScope, decodeCursor, encodeCursor } from './list-cursor';

const SCOPE: CursorScope = { userId: 'user-1', status: 'all', sort: 'created', order: 'desc' };
const POSITION = { key: '2026-01-01T00:00:00.000000Z', id: '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11' };

describe('list cursors and the v1.1 filters', () => {
  it('reads back a cursor of the same list, filters included', () => {
    const scope = { ...SCOPE, labels: ['Work', 'home'], dueFrom: '2026-01-01' };
    expect(decodeCursor(encodeCursor(scope, POSITION), scope)).toEqual(POSITION);
  });

  it('treats labels that differ only in case and order as the same list', () => {
    const cursor = encodeCursor({ ...SCOPE, labels: ['Work', 'home'] }, POSITION);
    expect(decodeCursor(cursor, { ...SCOPE, labels: ['HOME', 'work'] })).toEqual(POSITION);
  });

  it.each([
    ['other labels', { labels: ['work'] }],
    ['no labels', {}],
    ['a dueFrom', { labels: ['Work', 'home'], dueFrom: '2026-01-01' }],
    ['a due filter', { labels: ['Work', 'home'], due: 'any' }],
  ])('refuses a cursor used with %s', (_case, filters) => {
    const cursor = encodeCursor({ ...SCOPE, labels: ['Work', 'home'] }, POSITION);
    expect(() => decodeCursor(cursor, { ...SCOPE, ...filters })).toThrow(InvalidListCursorError);
  });

  it('reads a timestamp key to the millisecond (as the fields show it) and to the microsecond (cursors issued before), nothing else', () => {
    for (const key of ['2026-01-01T00:00:00.123Z', '2026-01-01T00:00:00.123000Z']) {
      expect(decodeCursor(encodeCursor(SCOPE, { ...POSITION, key }), SCOPE)).toEqual({ ...POSITION, key });
    }
    for (const key of ['2026-01-01T00:00:00.1234Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.123']) {
      expect(() => decodeCursor(encodeCursor(SCOPE, { ...POSITION, key }), SCOPE)).toThrow(InvalidListCursorError);
    }
  });

  it('keeps a cursor made without the v1.1 filters valid (the fingerprint of such a list did not change)', () => {
    // What the code before the filters bound a cursor to: sha256 of [userId, status, q, priority, sort, order].
    const { s } = JSON.parse(Buffer.from(encodeCursor(SCOPE, POSITION), 'base64url').toString('utf8'));
    const v1 = createHash('sha256').update(JSON.stringify(['user-1', 'all', null, null, 'created', 'desc'])).digest('base64url').slice(0, 22);
    expect(s).toBe(v1);
  });
});
