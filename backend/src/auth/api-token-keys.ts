import { createHmac, KeyObject, timingSafeEqual } from 'node:crypto';
import { deriveApiTokenKey } from '@taskgate/api-token';

/**
 * The keys an API token may be signed with: the current secret's, then those
 * of `BETTER_AUTH_PREVIOUS_SECRETS` during a rotation. passport-jwt verifies
 * with one key, so {@link keyFor} picks the one whose HMAC matches.
 */
export class ApiTokenKeys {
  private readonly keys: KeyObject[];

  constructor(currentSecret: string, previousSecrets: readonly string[] = []) {
    this.keys = [currentSecret, ...previousSecrets].map(deriveApiTokenKey);
  }

  /**
   * The key that signed `token`, or the current key when none did (the
   * verifier then rejects the signature). With no rotation under way this is
   * free; during one it costs an HMAC per candidate key.
   */
  keyFor(token: string): KeyObject {
    if (this.keys.length === 1) return this.keys[0];
    return this.signingKey(token) ?? this.keys[0];
  }

  /**
   * The key whose HS256 signature `token` carries, or undefined. One HMAC per
   * candidate key and no parsing: a forged token is refused before
   * jsonwebtoken spends anything on it.
   */
  signingKey(token: string): KeyObject | undefined {
    const lastDot = token.lastIndexOf('.');
    if (lastDot < 0) return undefined;
    const signature = Buffer.from(token.slice(lastDot + 1), 'base64url');
    const signingInput = token.slice(0, lastDot);
    for (const key of this.keys) {
      const expected = createHmac('sha256', key).update(signingInput).digest();
      if (expected.length === signature.length && timingSafeEqual(expected, signature)) return key;
    }
    return undefined;
  }
}
