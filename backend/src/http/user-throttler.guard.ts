import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Rate limit per user once the token is verified (it runs after the JWT and
 * ownership guards), per client address on public routes.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { user?: AuthenticatedUser; ip?: string }): Promise<string> {
    return request.user ? `user:${request.user.id}` : `ip:${request.ip ?? 'unknown'}`;
  }
}
