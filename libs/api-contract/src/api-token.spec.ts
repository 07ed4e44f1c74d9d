import { createHmac, hkdfSync } from 'node:crypto';
import { API_TOKEN_KEY_DERIVATION, parseTokenLifetime } from './api-token';

// Both processes derive the key with node:crypto; this pins the parameters to
// an answer computed independently (RFC 5869 by hand with two HMACs), so a
// change of label on one side cannot pass unnoticed.
const SECRET = 'correct horse battery staple, taskgate edition';
const EXPECTED_KEY_HEX =
  '732f532a039fba0391fc62cc73c7b884feb4160889da663a3a8e956be174a5d4';

describe('API_TOKEN_KEY_DERIVATION', () => {
  it('derives the documented key with node:crypto HKDF', () => {
    const { hash, salt, info, length } = API_TOKEN_KEY_DERIVATION;
    const key = Buffer.from(hkdfSync(hash, SECRET, salt, info, length));
    expect(key.toString('hex')).toBe(EXPECTED_KEY_HEX);
  });

  it('matches RFC 5869 extract-then-expand', () => {
    const { salt, info } = API_TOKEN_KEY_DERIVATION;
    const prk = createHmac('sha256', salt).update(SECRET).digest();
    const okm = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
      .digest();
    expect(okm.toString('hex')).toBe(EXPECTED_KEY_HEX);
  });
});

describe('parseTokenLifetime', () => {
  it.each([
    ['15m', 900],
    ['900', 900],
    ['900s', 900],
    [' 2 hours ', 7200],
    ['1d', 86_400],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseTokenLifetime(text)).toBe(seconds);
  });

  it.each(['', '0', '15 weeks', '-5m', '1.5h', 'soon'])('refuses %j', (text) => {
    expect(parseTokenLifetime(text)).toBeNull();
  });
});
