import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Reminders } from './reminders';

/** Offers browser notifications for reminders; the browser is asked only when this button is pressed. */
@Component({
  selector: 'app-notifications-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    @switch (reminders.notifications()) {
      @case ('default') {
        <p class="note">Reminders show here while the portal is open.</p>
        <button mat-stroked-button type="button" (click)="reminders.enableNotifications()">Enable notifications</button>
      }
      @case ('granted') {
        <p class="note">Reminders come as browser notifications while the portal is open.</p>
      }
      @case ('denied') {
        <p class="note">Notifications are blocked in this browser's settings; reminders show here while the portal is open.</p>
      }
      @default {
        <p class="note">Reminders show here while the portal is open.</p>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }
    .note {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class NotificationsControl {
  protected readonly reminders = inject(Reminders);
}
