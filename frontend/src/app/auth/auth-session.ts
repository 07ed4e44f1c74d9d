import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiTokenStore } from './api-token-store';
import { AUTH_CHANNEL, SignOutReason } from './auth-channel';

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

/** The sign-in page's query parameter that says why the user is there (see SignInPage). */
export const SIGN_IN_NOTICE_PARAM: Record<SignOutReason, string> = {
  'signed-out': 'signedOut',
  expired: 'expired',
  deleted: 'deleted',
};

function pickUser(user: SessionUser): SessionUser {
  return { id: user.id, name: user.name, email: user.email };
}

/**
 * Who is signed in. Better Auth keeps the session in an HttpOnly cookie on
 * this origin; we only mirror the user for display and routing. A sign-out in
 * one tab signs out every tab of the browser at once (AUTH_CHANNEL).
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(ApiTokenStore);
  private readonly router = inject(Router);
  private readonly channel = inject(AUTH_CHANNEL);
  private loading: Promise<SessionUser | null> | null = null;
  /** True once `loading` has an answer. */
  private settled = false;
  /** Bumped whenever the user is set or forgotten, so a stale answer is dropped. */
  private generation = 0;

  readonly user = signal<SessionUser | null>(null);
  readonly signedIn = computed(() => this.user() !== null);

  constructor() {
    this.channel?.listen((message) => this.endedInAnotherTab(message.reason));
    inject(DestroyRef).onDestroy(() => this.channel?.close());
  }

  /**
   * Resolves the current session; guards await it. While signed in the
   * answer is kept. With `recheckSignedOut`, a tab that believes itself
   * signed out asks again, so a sign-in made in another tab is picked up on
   * the next navigation.
   */
  ensureLoaded(recheckSignedOut = false): Promise<SessionUser | null> {
    if (recheckSignedOut && this.settled && !this.user()) this.loading = null;
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

  /** Revokes the session on the server, then forgets it here and in every other tab. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/sign-out', {}));
    } finally {
      await this.ended('signed-out');
    }
  }

  /**
   * The server has already ended this session (every session revoked, the
   * account deleted): forget it here and in every other tab, and show
   * sign-in with a line saying why.
   */
  async ended(reason: Exclude<SignOutReason, 'expired'>): Promise<void> {
    this.forget();
    this.channel?.post({ type: 'signed-out', reason });
    // A normal navigation: Back then lands on the protected page, whose
    // guard sends the user to sign-in again instead of showing anything.
    await this.router.navigate(['/sign-in'], { queryParams: { [SIGN_IN_NOTICE_PARAM[reason]]: 1 } });
  }

  /** The session ended elsewhere (expired, revoked): go through sign-in and back. */
  expire(): void {
    if (!this.user()) return;
    this.forget();
    this.channel?.post({ type: 'signed-out', reason: 'expired' });
    this.showSignIn('expired');
  }

  private endedInAnotherTab(reason: SignOutReason): void {
    const wasSignedIn = this.user() !== null;
    this.forget();
    if (wasSignedIn) this.showSignIn(reason);
  }

  private showSignIn(reason: SignOutReason): void {
    const queryParams: Record<string, string | number> = { [SIGN_IN_NOTICE_PARAM[reason]]: 1 };
    // Only an ended session brings the user back to where they were; after a
    // deliberate sign-out the next person starts from the task list.
    if (reason === 'expired') queryParams['returnUrl'] = safeReturnUrl(this.router.url);
    void this.router.navigate(['/sign-in'], { queryParams });
  }

  private establish(res: AuthResponse): void {
    this.tokens.clear();
    const user = res.user ? pickUser(res.user) : null;
    this.generation++;
    this.user.set(user);
    this.loading = Promise.resolve(user);
    this.settled = true;
  }

  private forget(): void {
    this.tokens.clear();
    this.generation++;
    this.user.set(null);
    this.loading = Promise.resolve(null);
    this.settled = true;
  }

  private async fetchSession(): Promise<SessionUser | null> {
    const generation = this.generation;
    this.settled = false;
    try {
      const res = await firstValueFrom(this.http.get<AuthResponse | null>('/api/auth/get-session'));
      if (generation !== this.generation) return this.user();
      const user = res?.user ? pickUser(res.user) : null;
      this.user.set(user);
      this.settled = true;
      return user;
    } catch {
      if (generation !== this.generation) return this.user();
      // Unknown, not signed out: ask again next time.
      this.loading = null;
      this.user.set(null);
      return null;
    }
  }
}
