import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession, safeReturnUrl } from './auth-session';

/** Sign-in and sign-up: a signed-in user goes straight on. */
export const guestGuard: CanActivateFn = async (route) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  const user = await session.ensureLoaded();
  return user ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl'))) : true;
};
