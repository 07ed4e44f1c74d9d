import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { labelProblem } from './task-form-values';

export interface BulkLabelData {
  mode: 'add' | 'remove';
  /** How many tasks are selected. */
  count: number;
  /** Labels to suggest: the user's for adding, the selected tasks' for removing. */
  options: readonly string[];
}

/** Picks (or types) one label to add to or remove from the selected tasks; closes with it. */
@Component({
  selector: 'app-bulk-label-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatAutocompleteModule],
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Label</mat-label>
          <input
            #box
            matInput
            cdkFocusInitial
            [value]="text()"
            (input)="text.set(box.value); problem.set(null)"
            [matAutocomplete]="auto"
          />
          <mat-autocomplete #auto="matAutocomplete" (optionSelected)="text.set($event.option.value)">
            @for (option of options(); track option) {
              <mat-option [value]="option">{{ option }}</mat-option>
            }
          </mat-autocomplete>
          @if (problem(); as message) {
            <mat-hint class="label-error" role="alert">{{ message }}</mat-hint>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">{{ data.mode === 'add' ? 'Add label' : 'Remove label' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .label-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class BulkLabelDialog {
  protected readonly data = inject<BulkLabelData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<BulkLabelDialog, string>>(MatDialogRef);
  protected readonly text = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly title =
    (this.data.mode === 'add' ? 'Add a label to ' : 'Remove a label from ') +
    (this.data.count === 1 ? '1 task' : `${this.data.count} tasks`);
  protected readonly options = computed(() => {
    const typed = this.text().trim().toLowerCase();
    return this.data.options.filter((o) => o.toLowerCase().includes(typed));
  });

  protected submit(): void {
    const label = this.text().trim();
    const problem = labelProblem(label, []);
    if (problem) {
      this.problem.set(problem);
      return;
    }
    this.dialogRef.close(label);
  }
}
