import { API_TOKEN_CLOCK_TOLERANCE_SECONDS } from '@taskgate/api-contract';
import { LRUCache } from 'lru-cache';
import { AuthenticatedUser } from './authenticated-user';

interface Verified {
  /** The whole token, as verified. */
  token: string;
  user: AuthenticatedUser;
  /** The token's `exp` (seconds). */
  expiresAt: number;
}

/** How many tokens a process remembers (a few MB at most): enough for every active user of one instance. */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * The last segment of a JWS compact serialisation (the whole text when it has
 * no dot): the key tokens are looked up by. Hashing these 43 characters
 * instead of the ~250 of the whole token is most of a lookup's cost, paid
 * by every request, forged ones included.
 */
function signatureOf(token: string): string {
  return token.slice(token.lastIndexOf('.') + 1);
}

/**
 * API tokens this process has verified in full (signature, claims, by
 * passport-jwt), each with the user it stands for, so that the same token
 * presented again, as a browser does for every call until it refreshes it, is
 * not verified all over again: the signature and the claims of those exact
 * bytes were good, and only time can change the answer. So a token is
 * remembered only once verified, and answered only for its exact text (a
 * token that differs in a single character is a different token: looked up by
 * its signature, the remembered token must equal it whole, so another header
 * or payload under a remembered signature is unknown), and only until it
 * expires, under the same rule and clock tolerance as jsonwebtoken's. The
 * least recently used are forgotten first; a restart (the only way to change
 * the keys) forgets them all.
 */
export class VerifiedTokens {
  private readonly tokens: LRUCache<string, Verified>;

  constructor(max = VERIFIED_TOKENS_MAX) {
    this.tokens = new LRUCache({ max });
  }

  /** Remembers a token passport-jwt has just accepted, with the user and the `exp` of its claims. */
  remember(token: string, user: AuthenticatedUser, expiresAt: number): void {
    if (Number.isFinite(expiresAt)) this.tokens.set(signatureOf(token), { token, user, expiresAt });
  }

  /** The user of a remembered token that has not expired yet, else undefined. */
  userFor(token: string): AuthenticatedUser | undefined {
    const signature = signatureOf(token);
    const verified = this.tokens.get(signature);
    if (verified === undefined || verified.token !== token) return undefined;
    // jsonwebtoken's rule: expired once the whole second reaches exp + tolerance.
    if (Math.floor(Date.now() / 1000) < verified.expiresAt + API_TOKEN_CLOCK_TOLERANCE_SECONDS) return verified.user;
    this.tokens.delete(signature);
    return undefined;
  }
}
