import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LabelCount } from '@taskgate/api-contract';
import { Observable } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';

/** The signed-in user's labels (API.md v1.1): listed with their task counts, renamed, deleted. */
@Injectable({ providedIn: 'root' })
export class LabelApi {
  private readonly http = inject(HttpClient);
  private readonly config = inject(AppConfig);
  private readonly session = inject(AuthSession);

  private url(name?: string): string {
    const user = this.session.user();
    if (!user) throw new Error('LabelApi used without a signed-in user');
    const base = `${this.config.apiUrl}/api/${encodeURIComponent(user.id)}/labels`;
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  /** Every label on at least one task, sorted by lower-case name. */
  list(): Observable<LabelCount[]> {
    return this.http.get<LabelCount[]>(this.url());
  }

  /** Renames on every task, merging into an existing label of that name. */
  rename(name: string, newName: string): Observable<LabelCount> {
    return this.http.put<LabelCount>(this.url(name), { name: newName });
  }

  remove(name: string): Observable<void> {
    return this.http.delete<void>(this.url(name));
  }
}
