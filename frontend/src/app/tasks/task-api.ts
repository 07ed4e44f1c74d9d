import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IDEMPOTENCY_KEY_HEADER,
  NEXT_TASK_ID_HEADER,
  TOTAL_COUNT_HEADER,
  type BulkTaskRequest,
  type BulkTaskResult,
  type CreateTaskRequest,
  type ExportFormat,
  type ListTasksQuery,
  type Task,
  type TaskSummary,
  type UpdateTaskRequest,
} from '@taskgate/api-contract';
import { Observable, map } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';

export interface TaskPage {
  tasks: Task[];
  /** Matches before paging (X-Total-Count). */
  total: number;
  /** The cursor of the page after this one (its `Link: rel="next"`), when one follows. */
  next?: string;
}

/** The `cursor` of a `Link: <…>; rel="next"` header (RFC 8288), if there is one. */
export function nextCursor(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="?next"?\s*$/i.exec(part);
    if (match) return new URL(match[1], 'http://link.invalid').searchParams.get('cursor') ?? undefined;
  }
  return undefined;
}

export interface VersionedTask {
  task: Task;
  /** The ETag to send back as If-Match. */
  etag: string | null;
}

/** The tasks API of the signed-in user. */
@Injectable({ providedIn: 'root' })
export class TaskApi {
  private readonly http = inject(HttpClient);
  private readonly config = inject(AppConfig);
  private readonly session = inject(AuthSession);

  private url(id?: string, suffix = ''): string {
    const user = this.session.user();
    if (!user) throw new Error('TaskApi used without a signed-in user');
    const base = `${this.config.apiUrl}/api/${encodeURIComponent(user.id)}/tasks`;
    return id ? `${base}/${encodeURIComponent(id)}${suffix}` : base;
  }

  list(query: ListTasksQuery): Observable<TaskPage> {
    // The API rejects empty values, so leave out what is unset.
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Task[]>(this.url(), { params, observe: 'response' }).pipe(
      map((res) => {
        const tasks = res.body ?? [];
        const total = Number(res.headers.get(TOTAL_COUNT_HEADER));
        return {
          tasks,
          total: Number.isFinite(total) && res.headers.has(TOTAL_COUNT_HEADER) ? total : tasks.length,
          next: nextCursor(res.headers.get('Link')),
        };
      }),
    );
  }

  get(id: string): Observable<VersionedTask> {
    return this.http
      .get<Task>(this.url(id), { observe: 'response' })
      .pipe(map((res) => ({ task: res.body as Task, etag: res.headers.get('ETag') })));
  }

  /** The idempotency key makes a retry after a lost response safe. */
  create(body: CreateTaskRequest, idempotencyKey: string): Observable<Task> {
    return this.http.post<Task>(this.url(), body, {
      headers: new HttpHeaders({ [IDEMPOTENCY_KEY_HEADER]: idempotencyKey }),
    });
  }

  update(id: string, body: UpdateTaskRequest, etag: string | null): Observable<VersionedTask> {
    const headers = etag ? new HttpHeaders({ 'If-Match': etag }) : undefined;
    return this.http
      .put<Task>(this.url(id), body, { headers, observe: 'response' })
      .pipe(map((res) => ({ task: res.body as Task, etag: res.headers.get('ETag') })));
  }

  /** `nextTaskId`: the next occurrence a recurring task's completion created (X-Next-Task-Id). */
  setCompleted(id: string, completed: boolean): Observable<Task & { nextTaskId?: string }> {
    return this.http.patch<Task>(this.url(id, '/complete'), { completed }, { observe: 'response' }).pipe(
      map((res) => {
        const nextTaskId = res.headers.get(NEXT_TASK_ID_HEADER) ?? undefined;
        return nextTaskId ? { ...(res.body as Task), nextTaskId } : (res.body as Task);
      }),
    );
  }

  /** One transaction for many tasks; ids that are not the user's come back in `notFound`. */
  bulk(body: BulkTaskRequest, { keepalive = false } = {}): Observable<BulkTaskResult> {
    return this.http.post<BulkTaskResult>(this.url('bulk'), body, { keepalive });
  }

  /** `today` is the person's own date (YYYY-MM-DD). */
  summary(today: string): Observable<TaskSummary> {
    return this.http.get<TaskSummary>(this.url('summary'), { params: { today } });
  }

  /** Every task as a file; the body comes as a Blob with the server's file name. */
  export(format: ExportFormat): Observable<{ file: Blob; fileName: string }> {
    return this.http.get(this.url('export'), { params: { format }, responseType: 'blob', observe: 'response' }).pipe(
      map((res) => ({
        file: res.body as Blob,
        fileName: /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `tasks.${format}`,
      })),
    );
  }

  /** `keepalive`: the request outlives the page (a delete sent as the tab closes). */
  remove(id: string, { keepalive = false } = {}): Observable<void> {
    return this.http.delete<void>(this.url(id), { keepalive });
  }
}
