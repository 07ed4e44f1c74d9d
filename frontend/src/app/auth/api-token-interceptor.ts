import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AppConfig } from '../shared/app-config';
import { targetsOrigin } from '../shared/target-origin';
import { ApiTokenStore } from './api-token-store';
import { AuthSession } from './auth-session';

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}

/**
 * Adds `Authorization: Bearer` to requests for the API origin, and to nothing
 * else. A 401 gets one renewal and one retry; a second 401 (or no session to
 * renew from) ends the session and goes through sign-in.
 */
export const apiTokenInterceptor: HttpInterceptorFn = (req, next) => {
  const config = inject(AppConfig);
  if (!targetsOrigin(req, config.apiOrigin)) return next(req);
  const tokens = inject(ApiTokenStore);
  const session = inject(AuthSession);
  const send = (token: string) =>
    next(req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));

  return tokens.token().pipe(
    switchMap((token) =>
      send(token).pipe(
        catchError((error: unknown) =>
          isUnauthorized(error) ? tokens.renew(token).pipe(switchMap(send)) : throwError(() => error),
        ),
      ),
    ),
    catchError((error: unknown) => {
      if (isUnauthorized(error)) session.expire();
      return throwError(() => error);
    }),
  );
};
