import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle } from '../../testing/task-fixture';
import { API_TIMEOUT_MS, apiTimeoutInterceptor } from './api-timeout';
import { AppConfig } from './app-config';
import { isTransientError, problemMessage } from './problem-message';

const TASKS = 'http://localhost:3000/api/user-1/tasks';

describe('apiTimeoutInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiTimeoutInterceptor])),
        provideHttpClientTesting(),
        { provide: API_TIMEOUT_MS, useValue: 50 },
      ],
    });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  /** Subscribes and records how the call ended. */
  function call(url: string) {
    const outcome: { value?: unknown; error?: unknown } = {};
    http.get(url).subscribe({ next: (value) => (outcome.value = value), error: (error) => (outcome.error = error) });
    return outcome;
  }

  it('gives up on an API call with no answer in time: the request is aborted and the error is that of an unreachable server', async () => {
    const outcome = call(TASKS);
    const req = backend.expectOne(TASKS);
    await settle(80);

    expect(req.cancelled).toBe(true);
    expect(outcome.error).toBeInstanceOf(HttpErrorResponse);
    expect((outcome.error as HttpErrorResponse).status).toBe(0);
    expect(isTransientError(outcome.error)).toBe(true);
    expect(problemMessage(outcome.error)).toBe('You appear to be offline, or the server cannot be reached.');
  });

  it('lets an answer in time through, and nothing fails after it', async () => {
    const outcome = call(TASKS);
    backend.expectOne(TASKS).flush([]);
    await settle(80);
    expect(outcome).toEqual({ value: [] });
  });

  it('leaves the API’s own errors as they are', async () => {
    const outcome = call(TASKS);
    backend.expectOne(TASKS).flush({ title: 'down' }, { status: 503, statusText: 'Unavailable' });
    await settle(80);
    expect((outcome.error as HttpErrorResponse).status).toBe(503);
  });

  it('does not limit calls to other origins (the auth server’s own)', async () => {
    const outcome = call('/api/auth/get-session');
    const req = backend.expectOne('/api/auth/get-session');
    await settle(80);
    expect(req.cancelled).toBe(false);
    expect(outcome).toEqual({});
    req.flush(null);
  });
});
