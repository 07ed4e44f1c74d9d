import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_PRIORITIES,
  TASK_TITLE_MAX_LENGTH,
  type CreateTaskRequest,
  type Task,
  type TaskPriority,
} from '@taskgate/api-contract';
import { firstValueFrom } from 'rxjs';
import { guardAgainstDiscard } from '../shared/confirm-discard-dialog';
import { fieldErrors, isTransientError, problemMessage } from '../shared/problem-message';
import { codePoints, maxCodePoints, trimmedLength } from '../shared/text-validators';
import { TaskApi } from './task-api';
import { calendarDate } from './task-validators';

export interface TaskFormData {
  /** Absent: create a task. */
  task?: Task;
}

/** Create or edit a task; stays open with the input kept on any failure. */
@Component({
  selector: 'app-task-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './task-form-dialog.html',
  styleUrl: './task-form-dialog.css',
})
export class TaskFormDialog implements OnInit {
  private readonly api = inject(TaskApi);
  private readonly dialogRef = inject<MatDialogRef<TaskFormDialog, Task>>(MatDialogRef);
  protected readonly data = inject<TaskFormData>(MAT_DIALOG_DATA);

  protected readonly editing = !!this.data.task;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly titleMax = TASK_TITLE_MAX_LENGTH;
  protected readonly descriptionMax = TASK_DESCRIPTION_MAX_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    title: ['', trimmedLength(1, TASK_TITLE_MAX_LENGTH)],
    description: ['', maxCodePoints(TASK_DESCRIPTION_MAX_LENGTH)],
    priority: ['medium' as TaskPriority],
    dueDate: ['', calendarDate],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly canRetry = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});

  /** One key per dialog: a retry after a lost response cannot create a duplicate. */
  private readonly idempotencyKey = crypto.randomUUID();
  private etag: string | null = null;
  /** The values the form was opened (or last refilled) with. */
  private original = this.form.getRawValue();

  constructor() {
    guardAgainstDiscard(this.dialogRef, { changed: () => this.changed(), busy: () => this.busy() });
  }

  /** True when a field differs from what the dialog showed first. */
  private changed(): boolean {
    return JSON.stringify(this.form.getRawValue()) !== JSON.stringify(this.original);
  }

  ngOnInit(): void {
    if (this.data.task) {
      this.fill(this.data.task);
      void this.loadLatest();
    }
  }

  protected count(text: string): number {
    return codePoints(text);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body: CreateTaskRequest = {
      title: value.title.trim(),
      description: value.description.trim() ? value.description : null,
      priority: value.priority,
      dueDate: value.dueDate || null,
    };
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    this.canRetry.set(false);
    this.serverErrors.set({});
    try {
      const task = this.data.task
        ? (await firstValueFrom(this.api.update(this.data.task.id, body, this.etag))).task
        : await firstValueFrom(this.api.create(body, this.idempotencyKey));
      this.dialogRef.close(task);
    } catch (error) {
      this.handleError(error);
    } finally {
      this.busy.set(false);
    }
  }

  private handleError(error: unknown): void {
    const status = error instanceof HttpErrorResponse ? error.status : -1;
    if (status === 412) {
      this.error.set('This task was changed elsewhere. The latest version is shown; review it and save again.');
      void this.loadLatest(true);
    } else if (status === 404) {
      this.error.set('This task no longer exists; it may have been deleted elsewhere.');
    } else if (status === 400) {
      const errors = fieldErrors(error);
      this.serverErrors.set(errors);
      for (const [field, message] of Object.entries(errors)) {
        const control = this.form.get(field);
        control?.setErrors({ server: message });
        control?.markAsTouched();
      }
      this.error.set(problemMessage(error, 'Please correct the highlighted fields.'));
    } else {
      this.canRetry.set(isTransientError(error));
      this.error.set(problemMessage(error, 'The task could not be saved.'));
    }
  }

  /** Fetches the task with its ETag; with `overwrite`, replaces the form values too. */
  private async loadLatest(overwrite = false): Promise<void> {
    const id = this.data.task?.id;
    if (!id) return;
    try {
      const { task, etag } = await firstValueFrom(this.api.get(id));
      this.etag = etag;
      if (overwrite || this.form.pristine) this.fill(task);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        this.error.set('This task no longer exists; it may have been deleted elsewhere.');
      }
      // Otherwise we save without If-Match; the API still validates everything.
    }
  }

  private fill(task: Task): void {
    this.form.setValue({
      title: task.title,
      description: task.description ?? '',
      priority: task.priority,
      dueDate: task.dueDate ?? '',
    });
    this.form.markAsPristine();
    this.original = this.form.getRawValue();
  }
}
