import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ApiTokenClaims } from '@taskgate/api-contract';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import { ApiTokenVerifier, RevocationFeedUnheardError } from './api-token-verifier';
import { AuthenticatedUser } from './authenticated-user';
import { bearerTokenFrom } from './bearer-token';

type Request = Parameters<typeof bearerTokenFrom>[0];

/**
 * passport-jwt, driven by the {@link ApiTokenVerifier}'s rules: it takes
 * the key from `keyFor` (signature, `crit`), verifies the JWS with
 * jsonwebtoken under `jwtOptions`, and hands the claims to `admit` (the
 * claims jsonwebtoken does not check, and revocation). A token the verifier
 * remembers skips straight to success; none passes while the revocation feed
 * is unheard (503).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(ApiTokenVerifier) private readonly verifier: ApiTokenVerifier) {
    super({
      jwtFromRequest: bearerTokenFrom,
      secretOrKeyProvider: (_request: unknown, token: string, done: (error: Error | null, key?: unknown) => void) => {
        const key = verifier.keyFor(token);
        if (key === null) done(new Error('not signed by a known key'));
        else done(null, key);
      },
      ...verifier.jwtOptions,
      passReqToCallback: true,
    } as ConstructorParameters<typeof Strategy>[0]);
  }

  // passport calls this on a per-request object that inherits the strategy
  // and carries success(), fail() and error().
  override authenticate(request: Request, options?: object): void {
    if (!this.verifier.vouches()) return this.error(new RevocationFeedUnheardError());
    const token = bearerTokenFrom(request);
    const known = token === null ? undefined : this.verifier.remembered(token);
    if (known !== undefined) return this.success(known);
    super.authenticate(request as never, options);
  }

  /** Returning false makes passport answer 401. */
  validate(request: Request, claims: Partial<ApiTokenClaims>): AuthenticatedUser | false {
    const token = bearerTokenFrom(request);
    return (token !== null && this.verifier.admit(token, claims)) || false;
  }
}

/**
 * The strategy run outside Nest's guards, for a request Fastify could not
 * route (a malformed URL): its user, null for a 401, or the feed's error.
 */
export function authenticateOutsideNest(request: Request): Promise<AuthenticatedUser | null> {
  return new Promise((resolve, reject) => {
    passport.authenticate('jwt', { session: false }, (error: unknown, user: AuthenticatedUser | false) => {
      if (error instanceof RevocationFeedUnheardError) reject(error);
      else resolve(error || !user ? null : user);
    })(request, {}, () => resolve(null));
  });
}
