import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiTokenStore } from './api-token-store';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

interface AuthResponse {
  user?: SessionUser | null;
}

/** Accept only in-app paths, so ?returnUrl= cannot send anyone off-site. */
export function safeReturnUrl(url: string | null | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : '/tasks';
}

function pickUser(user: SessionUser): SessionUser {
  return { id: user.id, name: user.name, email: user.email };
}

/**
 * Who is signed in. Better Auth keeps the session in an HttpOnly cookie on
 * this origin; we only mirror the user for display and routing.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(ApiTokenStore);
  private readonly router = inject(Router);
  private loading: Promise<SessionUser | null> | null = null;

  readonly user = signal<SessionUser | null>(null);
  readonly signedIn = computed(() => this.user() !== null);

  /** Resolves the current session once; guards await it. */
  ensureLoaded(): Promise<SessionUser | null> {
    this.loading ??= this.fetchSession();
    return this.loading;
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<AuthResponse>('/api/auth/sign-in/email', { email, password, rememberMe: true }),
    );
    this.establish(res);
  }

  async signUp(name: string, email: string, password: string): Promise<void> {
    const res = await firstValueFrom(
      this.http.post<AuthResponse>('/api/auth/sign-up/email', { name, email, password }),
    );
    this.establish(res);
  }

  /** Revokes the session on the server, then forgets everything locally. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/sign-out', {}));
    } finally {
      this.forget();
      // A normal navigation: Back then lands on the protected page, whose
      // guard sends the user to sign-in again instead of showing anything.
      await this.router.navigate(['/sign-in']);
    }
  }

  /** The session ended elsewhere (expired, revoked): go through sign-in and back. */
  expire(): void {
    if (!this.user()) return;
    const returnUrl = this.router.url;
    this.forget();
    void this.router.navigate(['/sign-in'], {
      queryParams: { returnUrl: safeReturnUrl(returnUrl), expired: 1 },
    });
  }

  private establish(res: AuthResponse): void {
    this.tokens.clear();
    const user = res.user ? pickUser(res.user) : null;
    this.user.set(user);
    this.loading = Promise.resolve(user);
  }

  private forget(): void {
    this.tokens.clear();
    this.user.set(null);
    this.loading = Promise.resolve(null);
  }

  private async fetchSession(): Promise<SessionUser | null> {
    try {
      const res = await firstValueFrom(this.http.get<AuthResponse | null>('/api/auth/get-session'));
      const user = res?.user ? pickUser(res.user) : null;
      this.user.set(user);
      return user;
    } catch {
      // Unknown, not signed out: ask again next time.
      this.loading = null;
      this.user.set(null);
      return null;
    }
  }
}
