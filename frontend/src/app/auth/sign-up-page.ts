import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { problemMessage } from '../shared/problem-message';
import { AuthSession, safeReturnUrl } from './auth-session';
import { PASSWORD_MIN_LENGTH, newPasswordValidators, sameAs } from './password-rules';

@Component({
  selector: 'app-sign-up-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  templateUrl: './sign-up-page.html',
  styleUrl: './auth-page.css',
})
export class SignUpPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(100), Validators.pattern(/\S/)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', newPasswordValidators],
    confirm: ['', [Validators.required, sameAs('password')]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly emailTaken = signal(false);
  protected readonly returnUrl = toSignal(
    this.route.queryParamMap.pipe(map((p) => p.get('returnUrl'))),
    { initialValue: null },
  );

  constructor() {
    // Re-check the confirmation whenever the password changes.
    this.form.controls.password.valueChanges.subscribe(() =>
      this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }),
    );
    this.form.controls.email.valueChanges.subscribe(() => this.emailTaken.set(false));
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
      const code = error instanceof HttpErrorResponse ? (error.error?.code as string | undefined) : undefined;
      if (code?.startsWith('USER_ALREADY_EXISTS')) {
        this.emailTaken.set(true);
        this.form.controls.email.setErrors({ taken: true });
        this.form.controls.email.markAsTouched();
      } else {
        this.error.set(problemMessage(error, 'Sign-up failed.'));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
