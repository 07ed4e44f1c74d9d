import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AccountMenu } from './account/account-menu';
import { AuthSession } from './auth/auth-session';
import { Icon } from './shared/icon';
import { Theme, ThemeChoice } from './shared/theme';

const THEME_ICON = { system: 'auto', light: 'light', dark: 'dark' } as const satisfies Record<ThemeChoice, string>;
const THEME_NAME: Record<ThemeChoice, string> = { system: 'system (as your device)', light: 'light', dark: 'dark' };

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
  /** The icon shows what a click does (the theme it switches to); the label says both. */
  protected readonly themeIcon = computed(() => THEME_ICON[this.theme.next()]);
  protected readonly themeLabel = computed(
    () => `Theme: ${THEME_NAME[this.theme.choice()]}. Switch to ${THEME_NAME[this.theme.next()]}`,
  );
}
