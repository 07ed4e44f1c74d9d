import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { DateAdapter, provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  RECURRENCE_INTERVAL_MAX,
  RECURRENCE_UNITS,
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_PRIORITIES,
  TASK_TITLE_MAX_LENGTH,
  type CreateTaskRequest,
  type RecurrenceUnit,
  type Task,
  type TaskPriority,
} from '@taskgate/api-contract';
import { firstValueFrom, startWith } from 'rxjs';
import { LabelApi } from '../labels/label-api';
import { NotificationsControl } from '../reminders/notifications-control';
import { guardAgainstDiscard } from '../shared/confirm-discard-dialog';
import { fieldErrors, isTransientError, problemMessage } from '../shared/problem-message';
import { codePoints, maxCodePoints, trimmedLength } from '../shared/text-validators';
import { TaskApi } from './task-api';
import { LocalDateAdapter, fromDueDate, fromRemindAt, labelProblem, toDueDate, toRemindAt } from './task-form-values';

const UNIT_WORDS: Record<RecurrenceUnit, string> = { day: 'Days', week: 'Weeks', month: 'Months', year: 'Years' };

/** A reminder needs both its day and its time. */
function reminderComplete(group: AbstractControl): ValidationErrors | null {
  const day = group.get('remindDate')?.value;
  const time = group.get('remindTime')?.value;
  if (day && !time) return { remindTime: true };
  if (!day && time) return { remindDate: true };
  return null;
}

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
    MatChipsModule,
    MatAutocompleteModule,
    MatDatepickerModule,
    NotificationsControl,
  ],
  // Dates are plain Date objects read in local time (task-form-values.ts).
  providers: [provideNativeDateAdapter(), { provide: DateAdapter, useClass: LocalDateAdapter }],
  templateUrl: './task-form-dialog.html',
  styleUrl: './task-form-dialog.css',
})
export class TaskFormDialog implements OnInit {
  private readonly api = inject(TaskApi);
  private readonly labelApi = inject(LabelApi);
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
    dueDate: [null as Date | null],
    labels: [[] as string[]],
    repeatEvery: ['' as RecurrenceUnit | ''],
    repeatInterval: [1, [Validators.required, Validators.min(1), Validators.max(RECURRENCE_INTERVAL_MAX)]],
    remindDate: [null as Date | null],
    remindTime: [''],
  }, { validators: reminderComplete });
  protected readonly units = RECURRENCE_UNITS;
  protected readonly unitWords = UNIT_WORDS;
  protected readonly intervalMax = RECURRENCE_INTERVAL_MAX;
  protected readonly separatorKeys = [ENTER, COMMA] as const;
  /** The text typed into the label input, for the autocomplete. */
  protected readonly labelText = signal('');
  protected readonly labelError = signal<string | null>(null);
  /** The user's existing labels, for the autocomplete. */
  private readonly knownLabels = signal<string[]>([]);
  private readonly chosenLabels = toSignal(
    this.form.controls.labels.valueChanges.pipe(startWith(this.form.controls.labels.value)),
    { requireSync: true },
  );
  protected readonly labelOptions = computed(() => {
    const text = this.labelText().trim().toLowerCase();
    const chosen = new Set(this.chosenLabels().map((l) => l.toLowerCase()));
    return this.knownLabels().filter((l) => !chosen.has(l.toLowerCase()) && l.toLowerCase().includes(text));
  });
  protected readonly hasDueDate = toSignal(
    this.form.controls.dueDate.valueChanges.pipe(startWith(this.form.controls.dueDate.value)),
    { requireSync: true },
  );
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
    // The API requires a due date for a recurrence: without one, repeating is off and says why.
    this.form.controls.dueDate.valueChanges.pipe(startWith(this.form.controls.dueDate.value)).subscribe((due) => {
      const { repeatEvery, repeatInterval } = this.form.controls;
      if (due) {
        repeatEvery.enable({ emitEvent: false });
        repeatInterval.enable({ emitEvent: false });
      } else {
        repeatEvery.setValue('', { emitEvent: false });
        repeatEvery.disable({ emitEvent: false });
        repeatInterval.disable({ emitEvent: false });
      }
    });
  }

  /** True when a field differs from what the dialog showed first. */
  private changed(): boolean {
    return JSON.stringify(this.form.getRawValue()) !== JSON.stringify(this.original);
  }

  ngOnInit(): void {
    // A day picked for a reminder starts at 09:00; the time can then be changed.
    this.form.controls.remindDate.valueChanges.subscribe((day) => {
      if (day && !this.form.controls.remindTime.value) this.form.controls.remindTime.setValue('09:00');
    });
    this.labelApi.list().subscribe({
      next: (labels) => this.knownLabels.set(labels.map((l) => l.name)),
      // Without suggestions, labels can still be typed.
      error: () => undefined,
    });
    if (this.data.task) {
      this.fill(this.data.task);
      void this.loadLatest();
    }
  }

  protected count(text: string): number {
    return codePoints(text);
  }

  /** Enter or comma in the label input; a pasted "a, b" adds both. */
  protected addTypedLabels(event: MatChipInputEvent): void {
    const parts = event.value.split(',').map((p) => p.trim()).filter(Boolean);
    let added = parts.length === 0;
    for (const part of parts) added = this.addLabel(part) || added;
    if (added) {
      event.chipInput.clear();
      this.labelText.set('');
    }
  }

  protected pickLabel(event: MatAutocompleteSelectedEvent, input: HTMLInputElement): void {
    this.addLabel(String(event.option.value));
    input.value = '';
    this.labelText.set('');
  }

  private addLabel(label: string): boolean {
    const labels = this.form.controls.labels.value;
    const problem = labelProblem(label.trim(), labels);
    this.labelError.set(problem);
    if (problem) return false;
    this.form.controls.labels.setValue([...labels, label.trim()]);
    this.form.controls.labels.markAsDirty();
    return true;
  }

  protected removeLabel(label: string): void {
    this.form.controls.labels.setValue(this.form.controls.labels.value.filter((l) => l !== label));
    this.form.controls.labels.markAsDirty();
    this.labelError.set(null);
  }

  protected clearDueDate(): void {
    this.form.controls.dueDate.setValue(null);
    this.form.controls.dueDate.markAsDirty();
  }

  protected clearReminder(): void {
    this.form.patchValue({ remindDate: null, remindTime: '' });
    this.form.markAsDirty();
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
      dueDate: value.dueDate ? toDueDate(value.dueDate) : null,
      labels: value.labels,
      recurrence:
        value.dueDate && value.repeatEvery ? { every: value.repeatEvery, interval: Number(value.repeatInterval) } : null,
      remindAt: value.remindDate && value.remindTime ? toRemindAt(value.remindDate, value.remindTime) : null,
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
        const control = this.form.get(formField(field));
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
    const reminder = task.remindAt ? fromRemindAt(task.remindAt) : null;
    this.form.setValue({
      title: task.title,
      description: task.description ?? '',
      priority: task.priority,
      dueDate: task.dueDate ? fromDueDate(task.dueDate) : null,
      labels: [...task.labels],
      repeatEvery: task.recurrence?.every ?? '',
      repeatInterval: task.recurrence?.interval ?? 1,
      remindDate: reminder?.day ?? null,
      remindTime: reminder?.time ?? '',
    });
    this.form.markAsPristine();
    this.original = this.form.getRawValue();
  }
}

/** The form control an API error's field (`labels[2]`, `recurrence.interval`, `remindAt`) belongs to. */
function formField(field: string): string {
  if (field.startsWith('labels')) return 'labels';
  if (field === 'recurrence.interval') return 'repeatInterval';
  if (field.startsWith('recurrence')) return 'repeatEvery';
  if (field.startsWith('remindAt')) return 'remindDate';
  return field;
}
