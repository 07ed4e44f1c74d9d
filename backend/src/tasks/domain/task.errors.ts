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
