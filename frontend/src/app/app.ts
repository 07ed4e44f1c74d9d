import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { map } from 'rxjs';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AccountMenu } from './account/account-menu';
import { AuthSession } from './auth/auth-session';
import { AppNav } from './shell/app-nav';
import { ExportMenu } from './shell/export-menu';
import { Icon } from './shared/icon';
import { Theme, ThemeChoice } from './shared/theme';

/** The width under which the navigation collapses to a menu. */
export const PHONE = '(max-width: 600px)';

const THEME_ICON = { system: 'auto', light: 'light', dark: 'dark' } as const satisfies Record<ThemeChoice, string>;
const THEME_NAME: Record<ThemeChoice, string> = { system: 'system (as your device)', light: 'light', dark: 'dark' };

@Component({
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule, MatSidenavModule, Icon, AccountMenu, AppNav, ExportMenu],
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly session = inject(AuthSession);
  protected readonly theme = inject(Theme);
  private readonly breakpoints = inject(BreakpointObserver);
  /** Phones: the navigation is a drawer opened by the menu button, over the page. */
  protected readonly handset = toSignal(this.breakpoints.observe(PHONE).pipe(map((state) => state.matches)), {
    initialValue: this.breakpoints.isMatched(PHONE),
  });
  /** The icon shows what a click does (the theme it switches to); the label says both. */
  protected readonly themeIcon = computed(() => THEME_ICON[this.theme.next()]);
  protected readonly themeLabel = computed(
    () => `Theme: ${THEME_NAME[this.theme.choice()]}. Switch to ${THEME_NAME[this.theme.next()]}`,
  );
}
