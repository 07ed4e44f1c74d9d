import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** "N selected" and what can be done to all of them at once. */
@Component({
  selector: 'app-bulk-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <div class="bar" role="toolbar" aria-label="Selected tasks">
      <p class="count" aria-live="polite">{{ count() }} selected</p>
      <div class="actions">
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="complete.emit()">Complete</button>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="reopen.emit()">Reopen</button>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="addLabel.emit()">Add label</button>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="removeLabel.emit()">Remove label</button>
        <button mat-stroked-button type="button" class="delete" [disabled]="busy()" (click)="remove.emit()">Delete</button>
        <button mat-button type="button" (click)="clear.emit()">Done</button>
      </div>
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 8px 12px;
      margin: 8px 0;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .count {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class BulkBar {
  readonly count = input.required<number>();
  /** A bulk request is on its way, or nothing is selected. */
  readonly busy = input(false);
  readonly complete = output<void>();
  readonly reopen = output<void>();
  readonly addLabel = output<void>();
  readonly removeLabel = output<void>();
  readonly remove = output<void>();
  readonly clear = output<void>();
}
