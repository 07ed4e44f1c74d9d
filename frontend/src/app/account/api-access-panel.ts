import { Clipboard } from '@angular/cdk/clipboard';
import { TextFieldModule } from '@angular/cdk/text-field';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable, firstValueFrom, switchMap } from 'rxjs';
import { ApiTokenStore, tokenClaims } from '../auth/api-token-store';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { Icon } from '../shared/icon';
import { problemMessage } from '../shared/problem-message';

/** 754 s → "12:34"; 3 723 s → "1:02:03". */
export function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * For people exploring the API in Swagger UI or with curl: shows, only when
 * asked, the API token this tab already holds in memory. It is never written
 * anywhere else, and it is hidden again when the page is left.
 */
@Component({
  selector: 'app-api-access-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TextFieldModule, MatButtonModule, MatFormFieldModule, MatInputModule, Icon],
  templateUrl: './api-access-panel.html',
  styleUrl: './api-access-panel.css',
})
export class ApiAccessPanel {
  private readonly tokens = inject(ApiTokenStore);
  private readonly session = inject(AuthSession);
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly apiUrl = inject(AppConfig).apiUrl;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly now = signal(Date.now());

  protected readonly docsUrl = `${this.apiUrl}/api/docs`;
  protected readonly userId = computed(() => this.session.user()?.id ?? '');
  protected readonly token = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly secondsLeft = computed(() => {
    const token = this.token();
    const exp = token ? Number(tokenClaims(token)['exp']) : NaN;
    return Number.isFinite(exp) ? Math.max(0, Math.ceil(exp - this.now() / 1000)) : null;
  });
  protected readonly expired = computed(() => this.secondsLeft() === 0);
  protected readonly countdown = computed(() => clock(this.secondsLeft() ?? 0));
  protected readonly curl = computed(
    () =>
      `curl -H "Authorization: Bearer ${this.token() ?? ''}" ${this.apiUrl}/api/${encodeURIComponent(this.userId())}/tasks`,
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.hideToken());
  }

  protected showToken(): Promise<void> {
    return this.reveal(this.tokens.token());
  }

  /** A new token: the one shown is replaced, whatever time it had left. */
  protected getFreshToken(): Promise<void> {
    const shown = this.token() ?? undefined;
    return this.reveal(this.tokens.renew(shown).pipe(switchMap(() => this.tokens.token())));
  }

  /** Takes the token off the screen (also when the page is left, or the session replaced). */
  hideToken(): void {
    this.token.set(null);
    this.error.set(null);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  protected copy(text: string, what: string): void {
    const copied = this.clipboard.copy(text);
    this.snackBar.open(copied ? `${what} copied.` : `Could not copy. Select the text and copy it.`, undefined, {
      duration: 4000,
    });
  }

  private async reveal(source: Observable<string>): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const token = await firstValueFrom(source);
      this.now.set(Date.now());
      this.token.set(token);
      this.timer ??= setInterval(() => this.now.set(Date.now()), 1000);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        this.session.expire();
        return;
      }
      this.error.set(problemMessage(error, 'The token could not be fetched.'));
    } finally {
      this.loading.set(false);
    }
  }
}
