/** Task priorities, lowest rank first: sorting by priority follows this order. */
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_TITLE_MAX_LENGTH = 200;
export const TASK_DESCRIPTION_MAX_LENGTH = 1000;

/** A task as the API returns it. Dates are ISO 8601 strings. */
export interface Task {
  id: string;
  userId: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: TaskPriority;
  /** A calendar date, `YYYY-MM-DD`. */
  dueDate: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /api/{user_id}/tasks`. */
export interface CreateTaskRequest {
  title: string;
  description?: string | null;
  completed?: boolean;
  priority?: TaskPriority;
  dueDate?: string | null;
}

/** Body of `PUT /api/{user_id}/tasks/{id}`: any non-empty subset. */
export type UpdateTaskRequest = Partial<CreateTaskRequest>;

/** Body of `PATCH /api/{user_id}/tasks/{id}/complete`; no body flips. */
export interface SetCompletedRequest {
  completed: boolean;
}
