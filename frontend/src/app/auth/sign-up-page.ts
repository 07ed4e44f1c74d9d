import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { Icon } from '../shared/icon';
import { problemMessage } from '../shared/problem-message';
import { NAME_MAX_LENGTH, accountFieldError, emailValidators, nameValidators } from './account-rules';
import { AuthSession, safeReturnUrl } from './auth-session';
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, newPasswordValidators, sameAs } from './password-rules';

@Component({
  selector: 'app-sign-up-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, Icon],
  templateUrl: './sign-up-page.html',
  styleUrl: './auth-page.css',
})
export class SignUpPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly passwordHint = PASSWORD_HINT;
  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', nameValidators],
    email: ['', emailValidators],
    password: ['', newPasswordValidators],
    confirm: ['', [Validators.required, sameAs('password')]],
  });
  /** The show-password toggle: the password(s) typed, shown as text. */
  protected readonly showPassword = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly returnUrl = toSignal(
    this.route.queryParamMap.pipe(map((p) => p.get('returnUrl'))),
    { initialValue: null },
  );

  constructor() {
    // Re-check the confirmation whenever the password changes.
    this.form.controls.password.valueChanges.subscribe(() =>
      this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }),
    );
  }

  protected async signUp(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { name, email, password } = this.form.getRawValue();
    try {
      await this.session.signUp(name.trim(), email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()), { replaceUrl: true });
    } catch (error) {
      // A refusal about one field is shown on that field, once, in the form's words.
      const code = error instanceof HttpErrorResponse ? (error.error?.code as string | undefined) : undefined;
      const refused = accountFieldError(error);
      if (code?.startsWith('USER_ALREADY_EXISTS')) {
        this.showOnField('email', { taken: true });
      } else if (refused) {
        this.showOnField(refused.field, { server: refused.message });
      } else {
        this.error.set(problemMessage(error, 'Sign-up failed.'));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private showOnField(field: 'name' | 'email' | 'password', errors: Record<string, unknown>): void {
    const control = this.form.controls[field];
    control.setErrors(errors);
    control.markAsTouched();
  }
}
