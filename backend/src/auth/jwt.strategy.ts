import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import {
  API_TOKEN_ALGORITHM,
  API_TOKEN_CLOCK_TOLERANCE_SECONDS,
  ApiTokenClaims,
} from '@taskgate/api-contract';
import { decode } from 'jsonwebtoken';
import { Strategy } from 'passport-jwt';
import { Configuration } from '../config/configuration';
import { ApiTokenKeys } from './api-token-keys';
import { AuthenticatedUser } from './authenticated-user';
import { bearerTokenFrom } from './bearer-token';
import { VerifiedTokens } from './verified-tokens';

// A subject is an opaque id; control characters (NUL above all, which
// PostgreSQL cannot store) mean a forged or broken token.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Verifies API tokens alone: signature (HS256 with the derived key), `iss`,
 * `aud`, `exp` and `nbf` by jsonwebtoken, then the rules it lacks: `exp` and
 * `sub` required, `iat` not in the future. No call out, no database. A token
 * verified once is remembered until it expires ({@link VerifiedTokens}).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  /** The keys tokens may be signed with (the forged-token gate checks signatures with them). */
  readonly keys: ApiTokenKeys;
  /** Tokens verified in full already (the forged-token gate skips their HMAC too). */
  readonly verified = new VerifiedTokens();

  constructor(@Inject(ConfigService) config: ConfigService<Configuration, true>) {
    const auth = config.get('auth', { infer: true });
    const keys = new ApiTokenKeys(auth.secret, auth.previousSecrets);
    super({
      jwtFromRequest: bearerTokenFrom,
      secretOrKeyProvider: (_request: unknown, token: string, done: (error: null, key: unknown) => void) =>
        done(null, keys.keyFor(token)),
      algorithms: [API_TOKEN_ALGORITHM],
      issuer: auth.issuer,
      audience: auth.audience,
      jsonWebTokenOptions: { clockTolerance: API_TOKEN_CLOCK_TOLERANCE_SECONDS },
    } as ConstructorParameters<typeof Strategy>[0]);
    this.keys = keys;
  }

  /**
   * Runs this strategy on a request outside passport.authenticate(), as the
   * onRequest hook does (see verify-api-token.hook.ts): resolves the user, or
   * null for any failure. (Forged signatures rarely get this far: the
   * forged-token gate answers them before Fastify routes the request.) A
   * token verified before, and not expired since, answers without passport.
   */
  verifyRequest(request: Parameters<typeof bearerTokenFrom>[0]): Promise<AuthenticatedUser | null> {
    const token = bearerTokenFrom(request);
    if (token === null) return Promise.resolve(null);
    const known = this.verified.userFor(token);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      // passport's own pattern: a per-request object that inherits the strategy.
      const attempt = Object.create(this) as this & {
        success(user: AuthenticatedUser): void;
        fail(): void;
        error(): void;
      };
      attempt.success = (user) => {
        // passport-jwt accepted it: its claims decode, and validate() required a numeric exp.
        this.verified.remember(token, user, (decode(token) as ApiTokenClaims).exp);
        resolve(user);
      };
      attempt.fail = () => resolve(null);
      attempt.error = () => resolve(null);
      attempt.authenticate(request as never, {});
    });
  }

  /** Returning false makes passport answer 401. */
  validate(claims: Partial<ApiTokenClaims>): AuthenticatedUser | false {
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number') return false;
    if (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.iat > now + API_TOKEN_CLOCK_TOLERANCE_SECONDS)) {
      return false;
    }
    if (typeof claims.sub !== 'string' || claims.sub.trim() === '' || CONTROL_CHARACTER.test(claims.sub)) return false;
    const user: AuthenticatedUser = { id: claims.sub };
    if (typeof claims.email === 'string') user.email = claims.email;
    if (typeof claims.name === 'string') user.name = claims.name;
    return user;
  }
}
