import { HttpBackend, HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, defer, finalize, map, of, shareReplay } from 'rxjs';

interface CachedToken {
  value: string;
  /** Local clock time (ms) after which we fetch a new one. */
  renewAt: number;
}

/** Renew this share of the lifetime before expiry, capped at one minute. */
const RENEW_SHARE = 0.25;
const RENEW_MAX_MS = 60_000;

/** The claims of a JWT, read without verifying (the backend verifies); empty when unreadable. */
export function tokenClaims(token: string): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** When to renew, measured on our own clock: the server's may differ. */
export function renewDelayMs(token: string): number {
  const claims = tokenClaims(token);
  const lifetimeMs = (Number(claims['exp']) - Number(claims['iat'])) * 1000;
  if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) return 0;
  return lifetimeMs - Math.min(RENEW_MAX_MS, lifetimeMs * RENEW_SHARE);
}

/**
 * The API token, in memory only: never in storage or a readable cookie. It is
 * fetched from Better Auth with the HttpOnly session cookie, renewed shortly
 * before it expires, and concurrent callers share one renewal.
 */
@Injectable({ providedIn: 'root' })
export class ApiTokenStore {
  // No interceptors: fetching the token must never itself need a token.
  private readonly http = new HttpClient(inject(HttpBackend));
  private cached: CachedToken | null = null;
  private inflight: Observable<string> | null = null;
  /** Bumped by clear(), so a renewal that started before sign-out is dropped. */
  private generation = 0;

  /** A token that is not about to expire. */
  token(): Observable<string> {
    return defer(() =>
      this.cached && Date.now() < this.cached.renewAt ? of(this.cached.value) : this.renew(),
    );
  }

  /**
   * Fetches a new token, unless one is already on its way or `rejected` is no
   * longer the current token (another caller renewed it already).
   */
  renew(rejected?: string): Observable<string> {
    if (rejected && this.cached && this.cached.value !== rejected) return of(this.cached.value);
    if (!this.inflight) {
      const generation = this.generation;
      this.inflight = this.http.get<{ token: string }>('/api/auth/token').pipe(
        map(({ token }) => {
          if (generation === this.generation) {
            this.cached = { value: token, renewAt: Date.now() + renewDelayMs(token) };
          }
          return token;
        }),
        finalize(() => {
          if (generation === this.generation) this.inflight = null;
        }),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.inflight;
  }

  /** Forget the token (sign-out, session lost). */
  clear(): void {
    this.generation++;
    this.cached = null;
    this.inflight = null;
  }
}
