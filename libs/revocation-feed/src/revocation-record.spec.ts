import { parseRevocationRecord } from './revocation-record';

describe('parseRevocationRecord', () => {
  it('reads a record as the triggers notify it', () => {
    expect(parseRevocationRecord('{"kind":"session","id":"s1","revokedAt":"2026-12-03T10:00:00.123456+00:00"}')).toEqual({
      kind: 'session',
      id: 's1',
      revokedAt: new Date('2026-12-03T10:00:00.123Z'),
    });
  });

  it.each([
    ['not JSON', 'session:s1'],
    ['an array', '[]'],
    ['an unknown kind', '{"kind":"token","id":"t","revokedAt":"2026-12-03T10:00:00Z"}'],
    ['an empty id', '{"kind":"user","id":"","revokedAt":"2026-12-03T10:00:00Z"}'],
    ['no time', '{"kind":"user","id":"u1"}'],
    ['a broken time', '{"kind":"user","id":"u1","revokedAt":"yesterday"}'],
  ])('refuses %s', (_name, payload) => {
    expect(parseRevocationRecord(payload)).toBeNull();
  });
});
