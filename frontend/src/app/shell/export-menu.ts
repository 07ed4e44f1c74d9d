import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ExportFormat } from '@taskgate/api-contract';
import { Icon } from '../shared/icon';
import { isTransientError, problemMessage } from '../shared/problem-message';
import { TaskApi } from '../tasks/task-api';

/**
 * The toolbar's Export button: every task as CSV or JSON. The API token
 * lives in memory, so a plain `<a href>` could not carry it: the file is
 * fetched as a Blob and handed to the browser through an object URL and
 * `a[download]`. Loaded deferred by the App shell, like the account menu.
 */
@Component({
  selector: 'app-export-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, Icon],
  template: `
    <button
      mat-button
      type="button"
      class="export-button"
      [matMenuTriggerFor]="menu"
      [disabled]="busy() !== null"
      [attr.aria-busy]="busy() !== null"
      [attr.aria-label]="busy() ? 'Exporting your tasks…' : 'Export tasks'"
      [title]="busy() ? 'Exporting…' : 'Export tasks'"
    >
      <app-icon name="download" />
      <span class="label">{{ busy() ? 'Exporting…' : 'Export' }}</span>
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <button mat-menu-item type="button" (click)="download('csv')">CSV (spreadsheet)</button>
      <button mat-menu-item type="button" (click)="download('json')">JSON</button>
    </mat-menu>
    <p class="visually-hidden" role="status">{{ busy() ? 'Exporting your tasks' : '' }}</p>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    /* On phones the icon alone; its accessible name stays "Export tasks". */
    @media (max-width: 600px) {
      .label {
        display: none;
      }
      .export-button {
        min-width: 48px;
        --mat-button-text-horizontal-padding: 12px;
      }
    }
  `,
})
export class ExportMenu {
  private readonly api = inject(TaskApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  /** The format on its way, or null. */
  protected readonly busy = signal<ExportFormat | null>(null);

  protected download(format: ExportFormat): void {
    if (this.busy()) return;
    this.busy.set(format);
    this.api
      .export(format)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ file, fileName }) => {
          this.busy.set(null);
          this.save(file, fileName);
          this.snackBar.open(`Downloaded ${fileName}.`, undefined, { duration: 4000 });
        },
        error: async (error: unknown) => {
          this.busy.set(null);
          // There is no input to keep here: the generic 5xx words ("Your input is kept") would mislead.
          const message = isTransientError(error) && (error as HttpErrorResponse).status !== 0
            ? 'The server had a problem. Try again in a moment.'
            : problemMessage(await readBlobProblem(error), 'The export failed.');
          this.snackBar.open(`Could not export your tasks. ${message}`, 'Dismiss', { duration: 8000 });
        },
      });
  }

  private save(file: Blob, fileName: string): void {
    const url = URL.createObjectURL(file);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the click; the URL may go once it has been read.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** A Blob request's problem+json arrives as a Blob: read it, so the message is the API's. */
async function readBlobProblem(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  let body: unknown = null;
  try {
    body = JSON.parse(await readText(error.error));
  } catch {
    // Not JSON: the status alone speaks.
  }
  return new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
}

/** A Blob's text, by FileReader (which every browser, and jsdom, has). */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
