import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiTokenStore } from '../auth/api-token-store';
import { AuthSession } from '../auth/auth-session';
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, newPasswordValidators, sameAs } from '../auth/password-rules';
import { AccountApi } from './account-api';
import { failureMessage } from './failure-message';

export interface PasswordChange {
  /** True when the other sessions were ended (and this one replaced). */
  signedOutOthers: boolean;
}

@Component({
  selector: 'app-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule],
  templateUrl: './password-form.html',
  styleUrl: './account-form.css',
  styles: `
    mat-checkbox {
      margin: 4px 0 0 -8px;
    }
  `,
})
export class PasswordForm {
  private readonly api = inject(AccountApi);
  private readonly session = inject(AuthSession);
  private readonly tokens = inject(ApiTokenStore);
  private readonly currentInput = viewChild.required<ElementRef<HTMLInputElement>>('current');
  private readonly formDirective = viewChild.required(FormGroupDirective);

  /** Emitted after a successful change. */
  readonly changed = output<PasswordChange>();

  protected readonly email = this.session.user()?.email ?? '';
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly passwordHint = PASSWORD_HINT;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', newPasswordValidators],
    confirm: ['', [Validators.required, sameAs('newPassword')]],
    signOutOthers: [true],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  constructor() {
    this.form.controls.newPassword.valueChanges.subscribe(() =>
      this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }),
    );
  }

  protected async changePassword(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword, signOutOthers } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    try {
      await firstValueFrom(
        this.api.changePassword({ currentPassword, newPassword, revokeOtherSessions: signOutOthers }),
      );
      // Better Auth replaced this browser's session too: the cached API
      // token names the old one, which the API now refuses.
      if (signOutOthers) this.tokens.clear();
      // resetForm, not reset: it also forgets the submit, so no field shows "required".
      this.formDirective().resetForm({ currentPassword: '', newPassword: '', confirm: '', signOutOthers });
      this.done.set(signOutOthers ? 'Password changed. Your other devices were signed out.' : 'Password changed.');
      this.changed.emit({ signedOutOthers: signOutOthers });
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        this.session.expire();
        return;
      }
      this.error.set(failureMessage('Password not changed.', error));
      if (error instanceof HttpErrorResponse && error.error?.code === 'INVALID_PASSWORD') {
        this.currentInput().nativeElement.focus();
      }
    } finally {
      this.busy.set(false);
    }
  }
}
