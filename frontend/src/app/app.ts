import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AccountMenu } from './account/account-menu';
import { AuthSession } from './auth/auth-session';
import { Icon } from './shared/icon';
import { Theme } from './shared/theme';

@Component({
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule, Icon, AccountMenu],
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly session = inject(AuthSession);
  protected readonly theme = inject(Theme);
  protected readonly themeIcon = computed(() => {
    const choice = this.theme.choice();
    return choice === 'system' ? 'auto' : choice;
  });
  protected readonly themeLabel = computed(
    () => `Theme: ${this.theme.choice()}. Change theme`,
  );
}
