import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { AuthSession, SessionUser } from '../auth/auth-session';
import { Icon } from '../shared/icon';

/**
 * The toolbar's account button and its menu. The App shell loads it
 * deferred: the menu brings the CDK overlay, which the first screen does not
 * need. The App's placeholder draws the same button meanwhile.
 */
@Component({
  selector: 'app-account-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatMenuModule, Icon],
  template: `
    <button
      mat-button
      type="button"
      class="account-button"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'Account: ' + user().name"
      [title]="user().email"
    >
      <app-icon name="account" />
      <span class="user">{{ user().name }}</span>
      <app-icon name="arrowDropDown" />
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <a mat-menu-item routerLink="/account">
        <app-icon name="account" class="menu-icon" />
        <span>Account</span>
      </a>
      <button mat-menu-item type="button" (click)="signOut()" [disabled]="signingOut()">
        <app-icon name="logout" class="menu-icon" />
        <span>Sign out</span>
      </button>
    </mat-menu>
  `,
  styleUrl: './account-menu.css',
})
export class AccountMenu {
  private readonly session = inject(AuthSession);
  readonly user = input.required<SessionUser>();
  protected readonly signingOut = signal(false);

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.session.signOut();
    } finally {
      this.signingOut.set(false);
    }
  }
}
