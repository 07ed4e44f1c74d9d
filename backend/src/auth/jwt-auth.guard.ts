import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { UNAUTHORIZED_DETAIL } from '../http/problem-details';
import { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';

/**
 * Answers 401 unless the request carries a valid API token. Global: every
 * route is protected unless marked {@link Public}. Routes marked
 * RequiresApiToken had their token verified already, by the same strategy,
 * in the onRequest hook; for any other route passport runs it here.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic || context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user) return true;
    return super.canActivate(context);
  }

  // One answer for every failure: the reason (expired, bad signature, ...)
  // would only help an attacker.
  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) throw new UnauthorizedException(UNAUTHORIZED_DETAIL);
    return user;
  }
}
