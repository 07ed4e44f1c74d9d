import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { UNAUTHORIZED_DETAIL } from '../http/problem-details';
import { RevocationFeedUnheardError } from './api-token-verifier';
import { AuthenticatedUser } from './authenticated-user';
import { requiresApiToken } from './public-routes';

/**
 * Answers 401 unless the request carries a valid API token (passport-jwt,
 * see JwtStrategy). Global: every request needs one but those
 * {@link requiresApiToken} names public.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<{ method?: string; url?: string }>();
    if (!requiresApiToken(request.method, request.url)) return true;
    return super.canActivate(context);
  }

  // One answer for every failure: the reason (expired, bad signature, ...)
  // would only help an attacker. A backend deaf to revocations says so (503).
  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof RevocationFeedUnheardError) throw error;
    if (error || !user) throw new UnauthorizedException(UNAUTHORIZED_DETAIL);
    return user;
  }
}
