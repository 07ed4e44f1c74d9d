import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { API_TOKEN_ALGORITHM, API_TOKEN_CLOCK_TOLERANCE_SECONDS, ApiTokenClaims } from '@taskgate/api-contract';
import type { KeyObject } from 'node:crypto';
import { Configuration } from '../config/configuration';
import { ApiTokenKeys } from './api-token-keys';
import { AuthenticatedUser } from './authenticated-user';
import { RevocationFeed } from './revocation-feed';
import { VerifiedTokens } from './verified-tokens';

// An id is opaque; control characters (NUL above all, which PostgreSQL
// cannot store) mean a forged or broken token.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && !CONTROL_CHARACTER.test(value);

/** The backend cannot vouch for tokens: it has not heard the revocation feed lately (API.md: 503). */
export class RevocationFeedUnheardError extends Error {
  override readonly name = 'RevocationFeedUnheardError';
  constructor() {
    super('The revocation feed has not been heard lately.');
  }
}

/**
 * Every rule an API token must pass (API.md, "The token" and "Sessions and
 * revocation"), in one place, in the order they apply:
 *
 * 1. the HS256 signature of one of our keys ({@link keyFor}; during a
 *    rotation, the previous secrets' keys too), and no `crit` header;
 * 2. `alg`, `iss`, `aud`, `exp` and `nbf` with 5 s of tolerance: checked by
 *    jsonwebtoken inside passport-jwt, with {@link jwtOptions};
 * 3. the claims jsonwebtoken does not require ({@link admit}): `exp`, `sub`
 *    and `sid` present, `iat` not in the future, `exp` no further away than
 *    the configured lifetime;
 * 4. the session and the account still live, by the revocation feed.
 *
 * A token that passed all of them is remembered ({@link VerifiedTokens}) and
 * its later requests only repeat step 4 and the expiry. Two callers: the
 * passport-jwt strategy (every request Nest routes) and the forged-token
 * gate, which asks only {@link mayBeValid} to refuse cheaply what cannot pass.
 */
@Injectable()
export class ApiTokenVerifier {
  private readonly keys: ApiTokenKeys;
  /** What passport-jwt hands jsonwebtoken (step 2). */
  readonly jwtOptions: {
    algorithms: [typeof API_TOKEN_ALGORITHM];
    issuer: string;
    audience: string;
    jsonWebTokenOptions: { clockTolerance: number };
  };
  private readonly verified = new VerifiedTokens();
  private readonly lifetimeSeconds: number;

  constructor(
    @Inject(ConfigService) config: ConfigService<Configuration, true>,
    @Inject(RevocationFeed) private readonly revocations: RevocationFeed,
  ) {
    const auth = config.get('auth', { infer: true });
    this.keys = new ApiTokenKeys(auth.secret, auth.previousSecrets);
    this.lifetimeSeconds = auth.tokenLifetimeSeconds;
    this.jwtOptions = {
      algorithms: [API_TOKEN_ALGORITHM],
      issuer: auth.issuer,
      audience: auth.audience,
      jsonWebTokenOptions: { clockTolerance: API_TOKEN_CLOCK_TOLERANCE_SECONDS },
    };
  }

  /** Whether revocations are known well enough to honour any token (else 503). */
  vouches(): boolean {
    return this.revocations.vouches();
  }

  /**
   * Step 1: the key to check the token's HS256 signature with (jsonwebtoken
   * then checks it; {@link ApiTokenKeys.keyFor} picks among rotation keys),
   * or null (a 401) when its header names a `crit` extension (RFC 7515
   * §4.1.11: none is understood here).
   */
  keyFor(token: string): KeyObject | null {
    const key = this.keys.keyFor(token);
    try {
      const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
      if (typeof header !== 'object' || header === null || 'crit' in header) return null;
    } catch {
      return null;
    }
    return key;
  }

  /**
   * Steps 3 and 4, for claims jsonwebtoken has accepted: the user, or null
   * (a 401). An accepted token is remembered.
   */
  admit(token: string, claims: Partial<ApiTokenClaims>): AuthenticatedUser | null {
    const now = Math.floor(Date.now() / 1000);
    const tolerance = API_TOKEN_CLOCK_TOLERANCE_SECONDS;
    if (typeof claims.exp !== 'number' || claims.exp > now + this.lifetimeSeconds + tolerance) return null;
    if (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.iat > now + tolerance)) return null;
    if (!isId(claims.sub) || !isId(claims.sid)) return null;
    const user: AuthenticatedUser = { id: claims.sub, sessionId: claims.sid };
    if (!this.stillLive(user)) return null;
    if (typeof claims.email === 'string') user.email = claims.email;
    if (typeof claims.name === 'string') user.name = claims.name;
    this.verified.remember(token, user, claims.exp);
    return user;
  }

  /** A token that passed every step before, has not expired and is not revoked since: its user. */
  remembered(token: string): AuthenticatedUser | undefined {
    const user = this.verified.userFor(token);
    return user !== undefined && this.stillLive(user) ? user : undefined;
  }

  /**
   * The forged-token gate's question: false when the token certainly fails
   * (neither remembered nor signed by one of our keys, or remembered and
   * revoked since). One lookup for a known token, one HMAC per key else.
   */
  mayBeValid(token: string): boolean {
    const user = this.verified.userFor(token);
    return user !== undefined ? this.stillLive(user) : this.keys.signingKey(token) !== undefined;
  }

  private stillLive(user: AuthenticatedUser): boolean {
    return !this.revocations.isRevoked(user.sessionId, user.id);
  }
}
