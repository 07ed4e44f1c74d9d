import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedUser } from './authenticated-user';
import { JwtAuthGuard } from './jwt-auth.guard';
import { IS_PUBLIC } from './public.decorator';

function guardWith(isPublic: boolean | undefined) {
  const getAllAndOverride = jest.fn().mockReturnValue(isPublic);
  const guard = new JwtAuthGuard({ getAllAndOverride } as unknown as Reflector);
  return { guard, getAllAndOverride };
}

const handler = () => undefined;
class SomeController {}
function contextWith(request: { user?: AuthenticatedUser } = {}) {
  return {
    getHandler: () => handler,
    getClass: () => SomeController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}
const context = contextWith();

describe('JwtAuthGuard', () => {
  // The passport check the guard delegates to (AuthGuard('jwt').canActivate).
  let passportCanActivate: jest.SpyInstance;

  beforeEach(() => {
    passportCanActivate = jest
      .spyOn(Object.getPrototypeOf(JwtAuthGuard.prototype), 'canActivate')
      .mockResolvedValue('passport answer');
  });
  afterEach(() => jest.restoreAllMocks());

  describe('canActivate', () => {
    it('lets a public route through without calling passport', () => {
      const { guard, getAllAndOverride } = guardWith(true);

      expect(guard.canActivate(context)).toBe(true);
      expect(passportCanActivate).not.toHaveBeenCalled();
      expect(getAllAndOverride).toHaveBeenCalledWith(IS_PUBLIC, [handler, SomeController]);
    });

    it.each([
      ['not marked public', undefined],
      ['marked not public', false],
    ])('hands a route %s to passport', async (_label, isPublic) => {
      const { guard } = guardWith(isPublic);

      await expect(guard.canActivate(context)).resolves.toBe('passport answer');
      expect(passportCanActivate).toHaveBeenCalledWith(context);
    });

    it('lets a request through whose token the onRequest hook already verified', () => {
      const { guard } = guardWith(false);

      expect(guard.canActivate(contextWith({ user: { id: 'user-1' } }))).toBe(true);
      expect(passportCanActivate).not.toHaveBeenCalled();
    });
  });

  describe('handleRequest', () => {
    const user: AuthenticatedUser = { id: 'user-1' };

    it('returns the user passport found', () => {
      expect(guardWith(false).guard.handleRequest(null, user)).toBe(user);
    });

    it('throws UnauthorizedException when passport reports an error', () => {
      expect(() => guardWith(false).guard.handleRequest(new Error('jwt expired'), user)).toThrow(UnauthorizedException);
    });

    it.each([
      ['false', false],
      ['undefined', undefined],
    ])('throws UnauthorizedException when the user is %s', (_label, noUser) => {
      expect(() => guardWith(false).guard.handleRequest(null, noUser as false)).toThrow(UnauthorizedException);
    });

    it('does not reveal why the token was refused', () => {
      expect(() => guardWith(false).guard.handleRequest(new Error('invalid signature'), false)).toThrow(
        'A valid bearer token is required.',
      );
    });
  });
});
