import { HttpErrorResponse, HttpEvent, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { InjectionToken, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { AppConfig } from './app-config';
import { targetsOrigin } from './target-origin';

/** How long a call to the API may take, from sending to the whole answer (ms). */
export const API_TIMEOUT_MS = new InjectionToken<number>('API_TIMEOUT_MS', {
  providedIn: 'root',
  factory: () => 15_000,
});

/** The statusText of the error a call that timed out ends with. */
export const TIMEOUT_STATUS_TEXT = 'Timeout';

function timedOut(req: HttpRequest<unknown>): HttpErrorResponse {
  return new HttpErrorResponse({ status: 0, statusText: TIMEOUT_STATUS_TEXT, url: req.urlWithParams });
}

/**
 * Ends a call to the API origin that has not answered within API_TIMEOUT_MS
 * with the error of an unreachable server (status 0), so every caller shows
 * the message and offers the retry it already has for that; the request is
 * aborted. Registered before the token interceptor, so the wait for a token
 * and a retry after a 401 count towards the same limit.
 *
 * Not rxjs `timeout()`: HttpClient's first event (Sent) comes at once, and the
 * limit is for the answer.
 */
export const apiTimeoutInterceptor: HttpInterceptorFn = (req, next) => {
  if (!targetsOrigin(req, inject(AppConfig).apiOrigin)) return next(req);
  const ms = inject(API_TIMEOUT_MS);
  return new Observable<HttpEvent<unknown>>((subscriber) => {
    const call = next(req).subscribe({
      next: (event) => subscriber.next(event),
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    const timer = setTimeout(() => {
      call.unsubscribe();
      subscriber.error(timedOut(req));
    }, ms);
    call.add(() => clearTimeout(timer));
    return call;
  });
};
