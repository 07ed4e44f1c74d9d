import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { AuthenticatedUser } from './authenticated-user';
import { UserOwnershipGuard } from './user-ownership.guard';

function contextFor(request: { params?: Record<string, string>; user?: AuthenticatedUser }): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('UserOwnershipGuard', () => {
  const guard = new UserOwnershipGuard();

  it('lets a route without a user_id parameter through', () => {
    expect(guard.canActivate(contextFor({ params: { id: 'x', sessionId: 's-1' }, user: { id: 'user-1', sessionId: 's-1' } }))).toBe(true);
  });

  it('lets a request without params through', () => {
    expect(guard.canActivate(contextFor({}))).toBe(true);
  });

  it("lets the path's owner through", () => {
    expect(guard.canActivate(contextFor({ params: { user_id: 'user-1' }, user: { id: 'user-1', sessionId: 's-1' } }))).toBe(true);
  });

  it("refuses another user's path with ForbiddenException", () => {
    expect(() => guard.canActivate(contextFor({ params: { user_id: 'user-2' }, user: { id: 'user-1', sessionId: 's-1' } }))).toThrow(
      ForbiddenException,
    );
  });

  it('compares ids exactly (case matters)', () => {
    expect(() => guard.canActivate(contextFor({ params: { user_id: 'User-1' }, user: { id: 'user-1', sessionId: 's-1' } }))).toThrow(
      ForbiddenException,
    );
  });

  it('refuses a user_id path when no user is set', () => {
    expect(() => guard.canActivate(contextFor({ params: { user_id: 'user-1' } }))).toThrow(ForbiddenException);
  });
});
