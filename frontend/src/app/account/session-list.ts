import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Icon } from '../shared/icon';
import { AccountSessions } from './account-sessions';

/** Where the user is signed in, with a way to end each session or all of them. */
@Component({
  selector: 'app-session-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatProgressBarModule, Icon],
  templateUrl: './session-list.html',
  styleUrl: './session-list.css',
})
export class SessionList implements OnInit {
  protected readonly sessions = inject(AccountSessions);
  protected readonly dateFormat = 'MMM d, y, h:mm a';

  ngOnInit(): void {
    void this.sessions.load();
  }
}
