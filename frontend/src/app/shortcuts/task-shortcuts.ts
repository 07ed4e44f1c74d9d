import { Directive, inject, output } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { ShortcutAction, shortcutFor } from './shortcut-keys';

/** Listens for the tasks page's keyboard shortcuts on the whole document while its host exists. */
@Directive({
  selector: '[appTaskShortcuts]',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class TaskShortcuts {
  private readonly dialog = inject(MatDialog);
  readonly shortcut = output<ShortcutAction>();

  protected onKey(event: KeyboardEvent): void {
    const action = shortcutFor(event, { dialogOpen: this.dialog.openDialogs.length > 0 });
    if (!action) return;
    event.preventDefault();
    this.shortcut.emit(action);
  }
}
