import { createHmac } from 'node:crypto';
import { deriveApiTokenKey } from './api-token-key';

// The key is pinned to an answer computed independently of node's hkdfSync
// (RFC 5869 extract-then-expand written out with two HMACs, below), so a
// change of salt, label or length cannot pass unnoticed: every token in
// flight would stop verifying.
const SECRET = 'correct horse battery staple, taskgate edition';
const EXPECTED_KEY_HEX = '732f532a039fba0391fc62cc73c7b884feb4160889da663a3a8e956be174a5d4';

describe('deriveApiTokenKey', () => {
  it('derives the documented key (HKDF-SHA256, salt "taskgate", info "taskgate/api-jwt/hs256/v1", 32 bytes)', () => {
    expect(deriveApiTokenKey(SECRET).export().toString('hex')).toBe(EXPECTED_KEY_HEX);
  });

  it('agrees with RFC 5869 written out by hand', () => {
    const prk = createHmac('sha256', 'taskgate').update(SECRET).digest();
    const okm = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from('taskgate/api-jwt/hs256/v1'), Buffer.from([1])]))
      .digest();
    expect(okm.toString('hex')).toBe(EXPECTED_KEY_HEX);
  });

  it('gives each secret its own key, never the secret itself', () => {
    const key = deriveApiTokenKey(SECRET).export();
    expect(key.equals(deriveApiTokenKey(`${SECRET}!`).export())).toBe(false);
    expect(key.toString('utf8')).not.toContain(SECRET.slice(0, 8));
  });

  it('reads a secret as UTF-8', () => {
    const secret = 'ünïcödé secret ünïcödé secret ünïcödé';
    const prk = createHmac('sha256', 'taskgate').update(Buffer.from(secret, 'utf8')).digest();
    const okm = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('taskgate/api-jwt/hs256/v1'), Buffer.from([1])])).digest();
    expect(deriveApiTokenKey(secret).export().equals(okm)).toBe(true);
  });
});
