import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { AuthenticatedUser } from './authenticated-user';

/** The route parameter naming the owner, as in `/api/{user_id}/tasks`. */
export const USER_ID_PARAM = 'user_id';

/** Answers 403 when the path's `{user_id}` is not the token's subject. */
@Injectable()
export class UserOwnershipGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ params?: Record<string, string>; user?: AuthenticatedUser }>();
    const owner = request.params?.[USER_ID_PARAM];
    if (owner === undefined) return true;
    if (request.user?.id !== owner) throw new ForbiddenException('This path belongs to another user.');
    return true;
  }
}
