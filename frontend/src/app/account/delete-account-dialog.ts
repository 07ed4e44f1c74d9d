import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { guardAgainstDiscard } from '../shared/confirm-discard-dialog';
import { AccountApi } from './account-api';
import { failureMessage } from './failure-message';

/** What deleting erases, in the words the page and the dialog both use. */
export const DELETION_SCOPE =
  'your account, every session, and all your tasks, labels and their history; this cannot be undone';

/**
 * Asks for the password and deletes the account. Closes with `true` once
 * the server has deleted it; stays open, having deleted nothing, otherwise.
 */
@Component({
  selector: 'app-delete-account-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Delete your account?</h2>
    <form [formGroup]="form" (ngSubmit)="deleteAccount()" novalidate>
      <mat-dialog-content>
        <p>This erases {{ scope }}.</p>
        @if (error(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <input type="email" autocomplete="username" [value]="email" hidden readonly />
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Password</mat-label>
          <input matInput formControlName="password" type="password" autocomplete="current-password" required cdkFocusInitial />
          @if (form.controls.password.hasError('required')) {
            <mat-error>Enter your password to confirm.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" class="danger" [disabled]="busy()">Delete account</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class DeleteAccountDialog {
  private readonly api = inject(AccountApi);
  private readonly session = inject(AuthSession);
  private readonly dialogRef = inject<MatDialogRef<DeleteAccountDialog, boolean>>(MatDialogRef);

  protected readonly scope = DELETION_SCOPE;
  protected readonly email = this.session.user()?.email ?? '';
  protected readonly form = inject(FormBuilder).nonNullable.group({
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    guardAgainstDiscard(this.dialogRef, { changed: () => this.form.controls.password.value !== '', busy: () => this.busy() });
  }

  protected async deleteAccount(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.deleteAccount(this.form.controls.password.value));
      this.dialogRef.close(true);
    } catch (error) {
      const status = error instanceof HttpErrorResponse ? error.status : -1;
      if (status === 401) {
        this.dialogRef.close(false);
        this.session.expire();
        return;
      }
      this.error.set(
        status === 404
          ? 'Account not deleted. Deleting accounts is not available on this server.'
          : failureMessage('Account not deleted.', error),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
