import { createHmac, KeyObject } from 'node:crypto';
import { ApiTokenKeys } from './api-token-keys';

/** RFC 5869 HKDF-SHA256 written out with HMAC, independent of node's hkdfSync and of the shared constant. */
function hkdfSha256(ikm: string, salt: string, info: string, length: number): Buffer {
  const prk = createHmac('sha256', Buffer.from(salt, 'utf8')).update(Buffer.from(ikm, 'utf8')).digest();
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let counter = 1; Buffer.concat(blocks).length < length; counter++) {
    previous = createHmac('sha256', prk)
      .update(Buffer.concat([previous, Buffer.from(info, 'utf8'), Buffer.from([counter])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** The key API.md specifies for a secret. */
function expectedKey(secret: string): Buffer {
  return hkdfSha256(secret, 'taskgate', 'taskgate/api-jwt/hs256/v1', 32);
}

/** An HS256 JWS signed with raw key bytes. */
function signToken(key: Buffer, payload: object = { sub: 'user-1' }): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
}

const bytesOf = (key: KeyObject) => key.export();

const CURRENT = 'current-secret-current-secret-0123456789';
const PREVIOUS = 'previous-secret-previous-secret-0123456789';
const OLDEST = 'oldest-secret-oldest-secret-oldest-0123456789';

describe('ApiTokenKeys.keyFor', () => {
  const keys = new ApiTokenKeys(CURRENT, [PREVIOUS, OLDEST]);

  it('picks the current key for a token signed with it', () => {
    expect(bytesOf(keys.keyFor(signToken(expectedKey(CURRENT))))).toEqual(expectedKey(CURRENT));
  });

  it.each([
    ['the first previous secret', PREVIOUS],
    ['the last previous secret', OLDEST],
  ])('picks the key of %s for a token signed with it', (_label, secret) => {
    expect(bytesOf(keys.keyFor(signToken(expectedKey(secret))))).toEqual(expectedKey(secret));
  });

  it('falls back to the current key for a token signed with an unknown key', () => {
    const token = signToken(expectedKey('unknown-secret-unknown-secret-0123456789'));

    expect(bytesOf(keys.keyFor(token))).toEqual(expectedKey(CURRENT));
  });

  it('does not accept a token signed with a previous raw secret instead of its derived key', () => {
    const token = signToken(Buffer.from(PREVIOUS, 'utf8'));

    expect(bytesOf(keys.keyFor(token))).toEqual(expectedKey(CURRENT));
  });

  it.each([
    ['an empty string', ''],
    ['no dot at all', 'not-a-token'],
    ['only dots', '...'],
    ['a signature that is not base64url', 'eyJhbGciOiJIUzI1NiJ9.e30.!!!%%%'],
    ['an empty signature', 'eyJhbGciOiJIUzI1NiJ9.e30.'],
    ['a truncated signature', signToken(expectedKey(PREVIOUS)).slice(0, -4)],
  ])('falls back to the current key for a garbage token (%s)', (_label, token) => {
    expect(bytesOf(keys.keyFor(token))).toEqual(expectedKey(CURRENT));
  });

  it('always uses the current key when there is no rotation', () => {
    const single = new ApiTokenKeys(CURRENT);

    expect(bytesOf(single.keyFor(signToken(expectedKey(PREVIOUS))))).toEqual(expectedKey(CURRENT));
  });
});
