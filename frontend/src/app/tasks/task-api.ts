import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  IDEMPOTENCY_KEY_HEADER,
  TOTAL_COUNT_HEADER,
  type CreateTaskRequest,
  type ListTasksQuery,
  type Task,
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

  setCompleted(id: string, completed: boolean): Observable<Task> {
    return this.http.patch<Task>(this.url(id, '/complete'), { completed });
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }
}
