import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { problemMessage } from '../shared/problem-message';
import { AccountApi, AccountSession } from './account-api';
import { deviceLabel } from './device-label';
import { displayIp } from './ip-address';

export interface SessionRow extends AccountSession {
  /** "Chrome 156 on Linux". */
  device: string;
  /** "203.0.113.7", "2001:db8::/64", "unknown". */
  ip: string;
  /** The session this browser is using. */
  current: boolean;
}

export interface Outcome {
  kind: 'done' | 'error';
  text: string;
}

/** This device first, then the most recently active. */
function toRows(sessions: AccountSession[], currentId: string | null): SessionRow[] {
  return sessions
    .map((s) => ({ ...s, device: deviceLabel(s.userAgent), ip: displayIp(s.ipAddress), current: s.id === currentId }))
    .sort((a, b) => Number(b.current) - Number(a.current) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

function status(error: unknown): number {
  return error instanceof HttpErrorResponse ? error.status : -1;
}

/**
 * The account page's list of the user's sessions and what can be done to
 * them. Provided by AccountPage, so it lives as long as the page.
 */
@Injectable()
export class AccountSessions {
  private readonly api = inject(AccountApi);
  private readonly session = inject(AuthSession);
  /** Only the newest load may write the list. */
  private loads = 0;

  readonly rows = signal<SessionRow[]>([]);
  readonly loading = signal(false);
  readonly loadError = signal<string | null>(null);
  /** The result of the last action, said once. */
  readonly outcome = signal<Outcome | null>(null);
  readonly busy = signal(false);
  readonly otherCount = computed(() => this.rows().filter((row) => !row.current).length);

  async load(): Promise<void> {
    const load = ++this.loads;
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const [currentId, sessions] = await Promise.all([
        firstValueFrom(this.api.currentSessionId()),
        firstValueFrom(this.api.listSessions()),
      ]);
      if (load !== this.loads) return;
      this.rows.set(toRows(sessions, currentId));
    } catch (error) {
      if (load !== this.loads) return;
      this.loadError.set(this.explain(error, 'The sessions could not be loaded.'));
    } finally {
      if (load === this.loads) this.loading.set(false);
    }
  }

  /** Another device: end that session. This device: an ordinary sign-out. */
  async signOut(row: SessionRow): Promise<void> {
    if (row.current) {
      await this.session.signOut().catch(() => undefined);
      return;
    }
    await this.act(() => this.api.revokeSession(row.id), `Signed out ${row.device}.`, {
      404: 'That session had already ended.',
    });
  }

  async signOutOthers(): Promise<void> {
    await this.act(() => this.api.revokeOtherSessions(), 'Signed out every other device.');
  }

  /** Ends every session, this one included, then signs this browser (and its other tabs) out. */
  async signOutEverywhere(): Promise<void> {
    this.busy.set(true);
    this.outcome.set(null);
    try {
      await firstValueFrom(this.api.revokeAllSessions());
    } catch (error) {
      this.busy.set(false);
      this.outcome.set({ kind: 'error', text: this.explain(error, 'Could not sign out everywhere.') });
      return;
    }
    // The session is gone already; signing out still clears this browser's cookie.
    await this.session.signOut().catch(() => undefined);
  }

  private async act(
    call: () => Observable<unknown>,
    done: string,
    expected: Record<number, string> = {},
  ): Promise<void> {
    this.busy.set(true);
    this.outcome.set(null);
    try {
      await firstValueFrom(call());
      this.outcome.set({ kind: 'done', text: done });
    } catch (error) {
      const known = expected[status(error)];
      this.outcome.set(
        known ? { kind: 'done', text: known } : { kind: 'error', text: this.explain(error, 'That did not work.') },
      );
    } finally {
      this.busy.set(false);
    }
    if (this.session.user()) await this.load();
  }

  /** A sentence for the failure; a session that ended meanwhile goes through sign-in. */
  private explain(error: unknown, fallback: string): string {
    if (status(error) === 401) {
      this.session.expire();
      return 'Your session has ended.';
    }
    const code = error instanceof HttpErrorResponse ? (error.error?.code as string | undefined) : undefined;
    if (code === 'SESSION_NOT_FRESH') {
      return 'For your security, this needs a recent sign-in. Sign out, sign in again, and come back.';
    }
    return problemMessage(error, fallback);
  }
}
