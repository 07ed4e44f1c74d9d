import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from './auth-session';

/**
 * Protected pages: signed-in users only; others go through sign-in and back.
 * A tab that was signed out asks the server again, in case another tab has
 * signed in since.
 */
export const authGuard: CanActivateFn = async (_route, state) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  const user = await session.ensureLoaded(true);
  return user ? true : router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};
