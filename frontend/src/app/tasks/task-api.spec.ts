import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { aTask } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { TaskApi } from './task-api';

const TASKS = 'https://api.example.test/v/api/user-1/tasks';

describe('TaskApi', () => {
  let api: TaskApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    // A path and a trailing slash on the configured origin: both must survive into the URL once.
    TestBed.inject(AppConfig).set({ apiUrl: 'https://api.example.test/v/' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    api = TestBed.inject(TaskApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  describe('list', () => {
    it('GETs the user’s tasks with only the parameters that are set', async () => {
      const result = firstValueFrom(
        api.list({ status: 'pending', q: 'bank', priority: undefined, sort: 'title', order: 'asc', limit: 10, offset: 20 }),
      );
      const req = backend.expectOne((r) => r.url === TASKS);
      expect(req.request.method).toBe('GET');
      expect(req.request.params.keys().sort()).toEqual(['limit', 'offset', 'order', 'q', 'sort', 'status']);
      expect(req.request.params.get('status')).toBe('pending');
      expect(req.request.params.get('q')).toBe('bank');
      expect(req.request.params.get('sort')).toBe('title');
      expect(req.request.params.get('order')).toBe('asc');
      expect(req.request.params.get('limit')).toBe('10');
      expect(req.request.params.get('offset')).toBe('20');
      expect(req.request.urlWithParams).not.toContain('priority');
      req.flush([aTask()], { headers: { 'X-Total-Count': '21' } });
      await expect(result).resolves.toEqual({ tasks: [aTask()], total: 21 });
    });

    it('leaves out empty and null values, which the API would refuse', async () => {
      const result = firstValueFrom(api.list({ q: '', limit: 25, offset: null as unknown as undefined }));
      const req = backend.expectOne((r) => r.url === TASKS);
      expect(req.request.params.keys()).toEqual(['limit']);
      expect(req.request.urlWithParams).toBe(`${TASKS}?limit=25`);
      req.flush([], { headers: { 'X-Total-Count': '0' } });
      await expect(result).resolves.toEqual({ tasks: [], total: 0 });
    });

    it('keeps the cursor of the next page from the Link header, and none on the last page', async () => {
      const first = firstValueFrom(api.list({ limit: 2 }));
      backend.expectOne((r) => r.url === TASKS).flush([aTask(), aTask({ id: 't2' })], {
        headers: { 'X-Total-Count': '3', Link: '</api/user-1/tasks?limit=2&cursor=eyJrIjoiMjAyNyJ9.x%2By>; rel="next"' },
      });
      await expect(first).resolves.toMatchObject({ total: 3, next: 'eyJrIjoiMjAyNyJ9.x+y' });

      const last = firstValueFrom(api.list({ limit: 2, cursor: 'eyJrIjoiMjAyNyJ9.x+y' }));
      const req = backend.expectOne((r) => r.url === TASKS);
      expect(req.request.params.get('cursor')).toBe('eyJrIjoiMjAyNyJ9.x+y');
      req.flush([aTask({ id: 't3' })], { headers: { 'X-Total-Count': '3' } });
      expect((await last).next).toBeUndefined();
    });

    it('counts the tasks it got when the total header is missing', async () => {
      const result = firstValueFrom(api.list({}));
      backend.expectOne(TASKS).flush([aTask(), aTask({ id: 't2' })]);
      await expect(result).resolves.toEqual({ tasks: [aTask(), aTask({ id: 't2' })], total: 2 });
    });

    it('counts the tasks it got when the total header is not a number', async () => {
      const result = firstValueFrom(api.list({}));
      backend.expectOne(TASKS).flush([aTask()], { headers: { 'X-Total-Count': 'lots' } });
      await expect(result).resolves.toEqual({ tasks: [aTask()], total: 1 });
    });
  });

  it('get: GETs one task and keeps its ETag for If-Match', async () => {
    const result = firstValueFrom(api.get('t1'));
    const req = backend.expectOne(`${TASKS}/t1`);
    expect(req.request.method).toBe('GET');
    req.flush(aTask(), { headers: { ETag: '"v7"' } });
    await expect(result).resolves.toEqual({ task: aTask(), etag: '"v7"' });
  });

  it('create: POSTs the body with the idempotency key', async () => {
    const body = { title: 'Buy milk', description: null, priority: 'low' as const, dueDate: '2026-12-01' };
    const result = firstValueFrom(api.create(body, 'key-123'));
    const req = backend.expectOne(TASKS);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual(body);
    expect(req.request.headers.get('Idempotency-Key')).toBe('key-123');
    req.flush(aTask({ title: 'Buy milk' }), { status: 201, statusText: 'Created' });
    await expect(result).resolves.toEqual(aTask({ title: 'Buy milk' }));
  });

  describe('update', () => {
    const body = { title: 'Renamed', description: 'More', priority: 'high' as const, dueDate: null };

    it('PUTs the body with If-Match and returns the new ETag', async () => {
      const result = firstValueFrom(api.update('t1', body, '"v7"'));
      const req = backend.expectOne(`${TASKS}/t1`);
      expect(req.request.method).toBe('PUT');
      expect(req.request.body).toEqual(body);
      expect(req.request.headers.get('If-Match')).toBe('"v7"');
      req.flush(aTask({ title: 'Renamed' }), { headers: { ETag: '"v8"' } });
      await expect(result).resolves.toEqual({ task: aTask({ title: 'Renamed' }), etag: '"v8"' });
    });

    it('sends no If-Match when no ETag is known', async () => {
      const result = firstValueFrom(api.update('t1', body, null));
      const req = backend.expectOne(`${TASKS}/t1`);
      expect(req.request.headers.has('If-Match')).toBe(false);
      req.flush(aTask({ title: 'Renamed' }));
      await expect(result).resolves.toEqual({ task: aTask({ title: 'Renamed' }), etag: null });
    });
  });

  it('setCompleted: PATCHes /complete with the new state', async () => {
    const result = firstValueFrom(api.setCompleted('t1', true));
    const req = backend.expectOne(`${TASKS}/t1/complete`);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ completed: true });
    req.flush(aTask({ completed: true }));
    await expect(result).resolves.toEqual(aTask({ completed: true }));
  });

  it('remove: DELETEs the task', async () => {
    const result = firstValueFrom(api.remove('t1'));
    const req = backend.expectOne(`${TASKS}/t1`);
    expect(req.request.method).toBe('DELETE');
    expect(req.request.body).toBeNull();
    req.flush(null, { status: 204, statusText: 'No Content' });
    await expect(result).resolves.toBeNull();
  });

  it('encodes the user and task ids into the path', () => {
    TestBed.inject(AuthSession).user.set({ id: 'a/b c', name: 'Ada', email: 'a@x' });
    api.remove('x/../y?z').subscribe();
    const req = backend.expectOne('https://api.example.test/v/api/a%2Fb%20c/tasks/x%2F..%2Fy%3Fz');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('refuses to build a URL without a signed-in user, and sends nothing', () => {
    TestBed.inject(AuthSession).user.set(null);
    expect(() => api.list({})).toThrow('TaskApi used without a signed-in user');
    backend.expectNone(() => true);
  });
});
