import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { SHORTCUTS, keyName } from './shortcut-keys';

/** "?": every keyboard shortcut of the tasks page. */
@Component({
  selector: 'app-shortcuts-help-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Keyboard shortcuts</h2>
    <mat-dialog-content>
      <table>
        <caption class="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr><th scope="col">Key</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          @for (shortcut of shortcuts; track shortcut.action) {
            <tr>
              <td>
                @for (key of shortcut.keys; track key; let last = $last) {
                  <kbd>{{ name(key) }}</kbd>@if (!last) { or }
                }
              </td>
              <td>{{ shortcut.description }}</td>
            </tr>
          }
        </tbody>
      </table>
      <p class="note">Shortcuts do nothing while you type in a field or a dialog is open.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th {
      text-align: left;
      font: var(--mat-sys-title-small);
      padding: 4px 8px;
    }
    td {
      padding: 6px 8px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    kbd {
      display: inline-block;
      min-width: 1.5em;
      padding: 1px 6px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      font-family: var(--mat-sys-body-medium-font, monospace);
      text-align: center;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ShortcutsHelpDialog {
  protected readonly shortcuts = SHORTCUTS;
  protected readonly name = keyName;
}
