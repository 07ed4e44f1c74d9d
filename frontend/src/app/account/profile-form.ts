import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { NAME_MAX_LENGTH, nameValidators } from '../auth/account-rules';
import { AuthSession } from '../auth/auth-session';
import { AccountApi } from './account-api';
import { failureMessage } from './failure-message';

/** The user's name (editable) and email (shown only). */
@Component({
  selector: 'app-profile-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <form [formGroup]="form" (ngSubmit)="saveName()" novalidate>
      @if (error(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" autocomplete="name" required />
        @if (form.controls.name.hasError('required')) {
          <mat-error>Enter your name.</mat-error>
        } @else if (form.controls.name.hasError('tooLong')) {
          <mat-error>Use at most {{ nameMax }} characters.</mat-error>
        } @else if (form.controls.name.hasError('control')) {
          <mat-error>Use no tabs or line breaks.</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>Email</mat-label>
        <input matInput [value]="email" readonly autocomplete="email" />
        <mat-hint>Your email cannot be changed here.</mat-hint>
      </mat-form-field>
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">Save name</button>
        <p role="status">{{ saved() ? 'Name saved.' : '' }}</p>
      </div>
    </form>
  `,
  styleUrl: './account-form.css',
})
export class ProfileForm {
  private readonly api = inject(AccountApi);
  private readonly session = inject(AuthSession);

  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly email = this.session.user()?.email ?? '';
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.session.user()?.name ?? '', nameValidators],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal(false);

  constructor() {
    this.form.controls.name.valueChanges.subscribe(() => this.saved.set(false));
  }

  protected async saveName(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const name = this.form.controls.name.value.trim();
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.updateName(name));
      this.session.user.update((user) => (user ? { ...user, name } : user));
      this.form.controls.name.setValue(name);
      this.saved.set(true);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        this.session.expire();
        return;
      }
      this.error.set(failureMessage('Name not saved.', error));
    } finally {
      this.busy.set(false);
    }
  }
}
