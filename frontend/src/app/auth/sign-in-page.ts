import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { Icon } from '../shared/icon';
import { problemMessage } from '../shared/problem-message';
import { emailValidators } from './account-rules';
import { AuthSession, SIGN_IN_NOTICE_PARAM, safeReturnUrl } from './auth-session';

/** Why the user is on this page, from the query parameter AuthSession set. */
function signInNotice(params: ParamMap): string | null {
  if (params.has(SIGN_IN_NOTICE_PARAM.deleted)) return 'Your account was deleted.';
  if (params.has(SIGN_IN_NOTICE_PARAM['signed-out'])) return 'You signed out.';
  if (params.has(SIGN_IN_NOTICE_PARAM.expired)) return 'Your session has ended. Please sign in again.';
  return null;
}

@Component({
  selector: 'app-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, Icon],
  templateUrl: './sign-in-page.html',
  styleUrl: './auth-page.css',
})
export class SignInPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', emailValidators],
    password: ['', Validators.required],
  });
  /** The show-password toggle: the password(s) typed, shown as text. */
  protected readonly showPassword = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = toSignal(this.route.queryParamMap.pipe(map(signInNotice)), {
    initialValue: null,
  });
  protected readonly returnUrl = toSignal(
    this.route.queryParamMap.pipe(map((p) => p.get('returnUrl'))),
    { initialValue: null },
  );

  protected async signIn(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    try {
      await this.session.signIn(email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()), { replaceUrl: true });
    } catch (error) {
      // One message for unknown email and wrong password alike.
      const wrongCredentials =
        error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400);
      this.error.set(
        wrongCredentials ? 'Email or password is incorrect.' : problemMessage(error, 'Sign-in failed.'),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
