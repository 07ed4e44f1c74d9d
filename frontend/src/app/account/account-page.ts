import { ChangeDetectionStrategy, Component, DestroyRef, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { AuthSession } from '../auth/auth-session';
import { Icon } from '../shared/icon';
import { AccountSessions } from './account-sessions';
import { ApiAccessPanel } from './api-access-panel';
import { DELETION_SCOPE, DeleteAccountDialog } from './delete-account-dialog';
import { PasswordChange, PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';
import { SessionList } from './session-list';

/** The signed-in person's account: profile, password, sessions, API access, deletion. */
@Component({
  selector: 'app-account-page',
  host: { class: 'page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Icon, ProfileForm, PasswordForm, SessionList, ApiAccessPanel],
  providers: [AccountSessions],
  templateUrl: './account-page.html',
  styleUrl: './account-page.css',
})
export class AccountPage {
  private readonly session = inject(AuthSession);
  private readonly sessions = inject(AccountSessions);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly apiAccess = viewChild.required(ApiAccessPanel);

  protected readonly deletionScope = DELETION_SCOPE;

  protected passwordChanged(change: PasswordChange): void {
    void this.sessions.load();
    // The token on screen named the session the change just ended.
    if (change.signedOutOthers) this.apiAccess().hideToken();
  }

  protected confirmDeleteAccount(): void {
    this.dialog
      .open(DeleteAccountDialog, { width: '440px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((deleted) => {
        if (deleted) void this.session.ended('deleted');
      });
  }
}
