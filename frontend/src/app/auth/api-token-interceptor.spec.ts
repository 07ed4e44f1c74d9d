import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { fakeToken } from '../../testing/fake-token';
import { AppConfig } from '../shared/app-config';
import { apiTokenInterceptor } from './api-token-interceptor';
import { AuthSession } from './auth-session';

const API = 'http://localhost:3000';
const TASKS = `${API}/api/user-1/tasks`;

describe('apiTokenInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: AuthSession;
  let router: Router;
  let now: number;

  beforeEach(() => {
    now = 1_800_000_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([apiTokenInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(AppConfig).set({ apiUrl: API });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(AuthSession);
    router = TestBed.inject(Router);
    session.user.set({ id: 'user-1', name: 'Ada', email: 'ada@example.test' });
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => {
    backend.verify();
    jest.restoreAllMocks();
  });

  function answerToken(token: string) {
    const req = backend.expectOne('/api/auth/token');
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({ token });
  }

  it('fetches a token with the session and sends it as a Bearer to the API origin', async () => {
    const token = fakeToken(900, 'a', now / 1000);
    const result = firstValueFrom(http.get(TASKS));
    answerToken(token);
    const req = backend.expectOne(TASKS);
    expect(req.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    req.flush([]);
    await expect(result).resolves.toEqual([]);
  });

  it.each([
    ['another origin', 'https://evil.example/api/user-1/tasks'],
    ['a look-alike host', 'http://localhost:3000.evil.example/x'],
    ['the same host over https', 'https://localhost:3000/api/user-1/tasks'],
    ['the same host on another port', 'http://localhost:3001/api/user-1/tasks'],
    ['the frontend itself (relative URL)', '/api/auth/get-session'],
  ])('never sends the token to %s', async (_name, url) => {
    const result = firstValueFrom(http.get(url));
    backend.expectNone('/api/auth/token');
    const req = backend.expectOne(url);
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({});
    await result;
  });

  it('reuses the token until shortly before it expires, then renews it', async () => {
    const first = fakeToken(20, 'first', now / 1000);
    const one = firstValueFrom(http.get(TASKS));
    answerToken(first);
    backend.expectOne(TASKS).flush([]);
    await one;

    // 10 s later: still fresh, no renewal.
    now += 10_000;
    const two = firstValueFrom(http.get(TASKS));
    backend.expectNone('/api/auth/token');
    const again = backend.expectOne(TASKS);
    expect(again.request.headers.get('Authorization')).toBe(`Bearer ${first}`);
    again.flush([]);
    await two;

    // 16 s after issue: inside the last quarter of a 20 s lifetime, so renew first.
    now += 6_000;
    const second = fakeToken(20, 'second', now / 1000);
    const three = firstValueFrom(http.get(TASKS));
    answerToken(second);
    const req = backend.expectOne(TASKS);
    expect(req.request.headers.get('Authorization')).toBe(`Bearer ${second}`);
    req.flush([]);
    await three;
  });

  it('shares one renewal between concurrent requests', async () => {
    const token = fakeToken(900, 'shared', now / 1000);
    const results = [1, 2, 3].map((n) => firstValueFrom(http.get(`${TASKS}?n=${n}`)));
    answerToken(token); // expectOne: exactly one token request
    const reqs = backend.match((r) => r.url.startsWith(TASKS));
    expect(reqs).toHaveLength(3);
    for (const req of reqs) {
      expect(req.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
      req.flush([]);
    }
    await Promise.all(results);
  });

  it('on a 401 renews once and retries with the new token', async () => {
    const stale = fakeToken(900, 'stale', now / 1000);
    const fresh = fakeToken(900, 'fresh', now / 1000);
    const result = firstValueFrom(http.get(TASKS));
    answerToken(stale);
    backend.expectOne(TASKS).flush({}, { status: 401, statusText: 'Unauthorized' });
    answerToken(fresh);
    const retry = backend.expectOne(TASKS);
    expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${fresh}`);
    retry.flush([{ id: 't' }]);
    await expect(result).resolves.toEqual([{ id: 't' }]);
    expect(session.user()).not.toBeNull();
  });

  it('concurrent 401s with the same token share one renewal', async () => {
    const stale = fakeToken(900, 'stale', now / 1000);
    const fresh = fakeToken(900, 'fresh', now / 1000);
    const results = [1, 2].map((n) => firstValueFrom(http.get(`${TASKS}?n=${n}`)));
    answerToken(stale);
    backend.match((r) => r.url.startsWith(TASKS)).forEach((r) => r.flush({}, { status: 401, statusText: 'Unauthorized' }));
    answerToken(fresh);
    const retries = backend.match((r) => r.url.startsWith(TASKS));
    expect(retries).toHaveLength(2);
    retries.forEach((r) => {
      expect(r.request.headers.get('Authorization')).toBe(`Bearer ${fresh}`);
      r.flush([]);
    });
    await Promise.all(results);
  });

  it('after a second 401 stops retrying and sends the user to sign-in', async () => {
    const result = firstValueFrom(http.get(TASKS));
    answerToken(fakeToken(900, 'a', now / 1000));
    backend.expectOne(TASKS).flush({}, { status: 401, statusText: 'Unauthorized' });
    answerToken(fakeToken(900, 'b', now / 1000));
    backend.expectOne(TASKS).flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/token');
    expect(session.user()).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], expect.objectContaining({ queryParams: expect.objectContaining({ expired: 1 }) }));
  });

  it('sends the user to sign-in when the session is gone (token endpoint 401)', async () => {
    const result = firstValueFrom(http.get(TASKS));
    backend.expectOne('/api/auth/token').flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    backend.expectNone(TASKS);
    expect(session.user()).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], expect.anything());
  });

  it('passes other errors through untouched, without renewing', async () => {
    const result = firstValueFrom(http.get(TASKS));
    answerToken(fakeToken(900, 'a', now / 1000));
    backend.expectOne(TASKS).flush({}, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    backend.expectNone('/api/auth/token');
    expect(session.user()).not.toBeNull();
  });

  it('keeps the token out of web storage and cookies', async () => {
    const token = fakeToken(900, 'secretish', now / 1000);
    const result = firstValueFrom(http.get(TASKS));
    answerToken(token);
    backend.expectOne(TASKS).flush([]);
    await result;
    const stored = [
      ...Object.keys(localStorage).map((k) => localStorage.getItem(k)),
      ...Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)),
      document.cookie,
    ].join('\n');
    expect(stored).not.toContain(token);
  });
});
