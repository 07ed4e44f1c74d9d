/** No task with that id belongs to that user (whether or not it exists). */
export class TaskNotFoundError extends Error {
  override name = 'TaskNotFoundError';
  constructor(readonly taskId: string) {
    super(`task ${taskId} not found`);
  }
}

/** A conditional write named a version the task no longer has. */
export class TaskVersionMismatchError extends Error {
  override name = 'TaskVersionMismatchError';
  constructor(readonly taskId: string) {
    super(`task ${taskId} has changed`);
  }
}

/** A list cursor that is malformed, or that another user's or another query's list issued. */
export class InvalidListCursorError extends Error {
  override name = 'InvalidListCursorError';
  constructor(readonly reason: string) {
    super(`cursor ${reason}`);
  }
}

/** A recurring task needs a due date: the write would leave (or make) one without. */
export class RecurrenceNeedsDueDateError extends Error {
  override name = 'RecurrenceNeedsDueDateError';
  constructor() {
    super('a recurring task needs a dueDate');
  }
}

/** Adding the label would give these tasks more labels than a task may carry. */
export class TooManyLabelsError extends Error {
  override name = 'TooManyLabelsError';
  constructor(readonly taskIds: string[]) {
    super(`tasks ${taskIds.join(', ')} already carry the most labels a task may`);
  }
}

/** The user has no label of that name (on any task). */
export class LabelNotFoundError extends Error {
  override name = 'LabelNotFoundError';
  constructor(readonly label: string) {
    super(`label ${label} not found`);
  }
}
