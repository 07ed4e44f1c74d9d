import { VerifiedTokens } from './verified-tokens';

const NOW_SECONDS = 1_800_000_000;

describe('VerifiedTokens', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW_SECONDS * 1000));
  afterEach(() => jest.restoreAllMocks());

  it('knows nothing it was not told', () => {
    const tokens = new VerifiedTokens();

    expect(tokens.userFor('a.b.c')).toBeUndefined();
  });

  it('answers a remembered token with its user until exp + 5 s', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', { id: 'user-1', sessionId: 's-user-1' }, NOW_SECONDS + 10);

    expect(tokens.userFor('a.b.c')).toEqual({ id: 'user-1', sessionId: 's-user-1' });
    jest.spyOn(Date, 'now').mockReturnValue((NOW_SECONDS + 14) * 1000 + 999);
    expect(tokens.userFor('a.b.c')).toEqual({ id: 'user-1', sessionId: 's-user-1' });
    jest.spyOn(Date, 'now').mockReturnValue((NOW_SECONDS + 15) * 1000);
    expect(tokens.userFor('a.b.c')).toBeUndefined();
  });

  it('matches the exact text only', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', { id: 'user-1', sessionId: 's-user-1' }, NOW_SECONDS + 10);

    expect(tokens.userFor('a.b.C')).toBeUndefined();
    expect(tokens.userFor('a.b.c ')).toBeUndefined();
  });

  it('does not take another header or payload under a remembered signature for the token', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('header.payload.signature', { id: 'user-1', sessionId: 's-user-1' }, NOW_SECONDS + 10);

    expect(tokens.userFor('header.other-payload.signature')).toBeUndefined();
    expect(tokens.userFor('other-header.payload.signature')).toBeUndefined();
    expect(tokens.userFor('signature')).toBeUndefined();
    // and the remembered token is still known
    expect(tokens.userFor('header.payload.signature')).toEqual({ id: 'user-1', sessionId: 's-user-1' });
  });

  it('answers nothing for a token whose exp had passed when it was remembered', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', { id: 'user-1', sessionId: 's-user-1' }, NOW_SECONDS - 3600);
    expect(tokens.userFor('a.b.c')).toBeUndefined();
  });

  it('remembers no token without a numeric exp', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', { id: 'user-1', sessionId: 's-user-1' }, Number.NaN);

    expect(tokens.userFor('a.b.c')).toBeUndefined();
  });

  it('forgets the least recently used beyond its size', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('t1', { id: 'user-1', sessionId: 's-user-1' }, NOW_SECONDS + 60);
    tokens.remember('t2', { id: 'user-2', sessionId: 's-user-2' }, NOW_SECONDS + 60);
    tokens.userFor('t1');
    tokens.remember('t3', { id: 'user-3', sessionId: 's-user-3' }, NOW_SECONDS + 60);

    expect([tokens.userFor('t1'), tokens.userFor('t2'), tokens.userFor('t3')]).toEqual([{ id: 'user-1', sessionId: 's-user-1' }, undefined, { id: 'user-3', sessionId: 's-user-3' }]);
  });
});
