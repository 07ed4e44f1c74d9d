import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Rate limit per user once the token is verified (it runs after the JWT and
 * ownership guards), per client address on public routes. One budget across
 * all routes: the stock guard would keep one per route handler.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { user?: AuthenticatedUser; ip?: string }): Promise<string> {
    return request.user ? `user:${request.user.id}` : `ip:${request.ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
