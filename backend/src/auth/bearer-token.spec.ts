import { API_TOKEN_MAX_BYTES } from '@taskgate/api-contract';
import { bearerTokenFrom } from './bearer-token';

const withAuthorization = (authorization: string | string[] | undefined) => ({ headers: { authorization } });

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

describe('bearerTokenFrom', () => {
  it('returns the token of a Bearer header', () => {
    expect(bearerTokenFrom(withAuthorization(`Bearer ${TOKEN}`))).toBe(TOKEN);
  });

  it.each(['bearer', 'BEARER', 'bEaReR'])('accepts the scheme written %s', (scheme) => {
    expect(bearerTokenFrom(withAuthorization(`${scheme} ${TOKEN}`))).toBe(TOKEN);
  });

  it('accepts several spaces after the scheme and trailing spaces', () => {
    expect(bearerTokenFrom(withAuthorization(`Bearer   ${TOKEN}  `))).toBe(TOKEN);
  });

  it('accepts the b64token alphabet with trailing padding', () => {
    expect(bearerTokenFrom(withAuthorization('Bearer aZ09-._~+/=='))).toBe('aZ09-._~+/==');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['another scheme', `Basic ${TOKEN}`],
    ['no space after the scheme', `Bearer${TOKEN}`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
    ['a character outside b64token', `Bearer ${TOKEN}!`],
    ['padding in the middle', 'Bearer ab=cd'],
    ['a leading space', ` Bearer ${TOKEN}`],
    ['a repeated header (array)', [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]],
  ])('returns null for %s', (_label, header) => {
    expect(bearerTokenFrom(withAuthorization(header))).toBeNull();
  });

  it(`accepts a token of exactly ${API_TOKEN_MAX_BYTES} bytes`, () => {
    const token = 'a'.repeat(API_TOKEN_MAX_BYTES);

    expect(bearerTokenFrom(withAuthorization(`Bearer ${token}`))).toBe(token);
  });

  it(`returns null for a token over ${API_TOKEN_MAX_BYTES} bytes`, () => {
    expect(bearerTokenFrom(withAuthorization(`Bearer ${'a'.repeat(API_TOKEN_MAX_BYTES + 1)}`))).toBeNull();
  });

  it('returns null for a huge header without running the pattern on it', () => {
    expect(bearerTokenFrom(withAuthorization(`Bearer ${'a'.repeat(1024 * 1024)}`))).toBeNull();
  });
});
