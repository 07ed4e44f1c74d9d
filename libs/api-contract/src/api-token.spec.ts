import { createHmac, hkdfSync } from 'node:crypto';
import { API_TOKEN_KEY_DERIVATION } from './api-token';

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
