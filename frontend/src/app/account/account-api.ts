import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

/** A Better Auth session as `list-sessions` answers it (the server strips the token). */
export interface AccountSession {
  id: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  revokeOtherSessions: boolean;
}

/**
 * The signed-in person's own account, through Better Auth on the frontend's
 * server (same origin, session cookie; never the API token).
 */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** The id of the session this browser is using, or null when signed out. */
  currentSessionId(): Observable<string | null> {
    return this.http
      .get<{ session?: { id?: string } } | null>('/api/auth/get-session')
      .pipe(map((res) => res?.session?.id ?? null));
  }

  listSessions(): Observable<AccountSession[]> {
    return this.http.get<AccountSession[]>('/api/auth/list-sessions');
  }

  updateName(name: string): Observable<unknown> {
    return this.http.post('/api/auth/update-user', { name });
  }

  /** With `revokeOtherSessions`, Better Auth also replaces this browser's session by a new one. */
  changePassword(body: ChangePasswordRequest): Observable<unknown> {
    return this.http.post('/api/auth/change-password', body);
  }

  /** Ends one of the user's sessions by id; 404 when it is not theirs (or already gone). */
  revokeSession(id: string): Observable<unknown> {
    return this.http.post('/api/auth/revoke-session-by-id', { id });
  }

  revokeOtherSessions(): Observable<unknown> {
    return this.http.post('/api/auth/revoke-other-sessions', {});
  }

  /** Every session, this one included. */
  revokeAllSessions(): Observable<unknown> {
    return this.http.post('/api/auth/revoke-sessions', {});
  }

  /** Erases the account, its sessions and (through the server) all its tasks. */
  deleteAccount(password: string): Observable<unknown> {
    return this.http.post('/api/auth/delete-user', { password });
  }
}
