import { hasModifierKey } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Observable, exhaustMap, filter, map, merge, of } from 'rxjs';

/** "Discard changes?": closes with true to discard, anything else to keep editing. */
@Component({
  selector: 'app-confirm-discard-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Discard changes?</h2>
    <mat-dialog-content>What you changed in this form will be lost.</mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Keep editing</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">Discard</button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDiscardDialog {}

export interface DiscardGuardOptions {
  /** True when the form differs from what it was opened with. */
  changed: () => boolean;
  /** True while a save is on its way: Escape and a click outside then do nothing. */
  busy?: () => boolean;
}

/**
 * Escape and a click outside close an unchanged dialog at once, and ask
 * "Discard changes?" first when the form was changed. The dialog's own
 * Cancel button still just closes: the person chose it. Call from the
 * dialog component's constructor.
 */
export function guardAgainstDiscard(ref: MatDialogRef<unknown>, options: DiscardGuardOptions): void {
  const dialog = inject(MatDialog);
  ref.disableClose = true;
  const dismissals: Observable<unknown> = merge(
    ref.backdropClick(),
    ref.keydownEvents().pipe(
      filter((event) => event.key === 'Escape' && !hasModifierKey(event)),
      map((event) => event.preventDefault()),
    ),
  );
  dismissals
    .pipe(
      filter(() => !options.busy?.()),
      exhaustMap(() =>
        options.changed()
          ? dialog
              .open<ConfirmDiscardDialog, unknown, boolean>(ConfirmDiscardDialog, { role: 'alertdialog', width: '360px', maxWidth: '95vw' })
              .afterClosed()
              .pipe(map((discard) => discard === true))
          : of(true),
      ),
      filter(Boolean),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe(() => ref.close());
}
