import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { until } from '../../testing/task-fixture';
import { AuthSession } from './auth-session';
import { SignInPage } from './sign-in-page';
import { SignUpPage } from './sign-up-page';

@Component({ template: '<h1>Tasks stub</h1>' })
class TasksStub {}

describe('sign-in and sign-up pages', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'sign-in', component: SignInPage },
          { path: 'sign-up', component: SignUpPage },
          { path: 'tasks', component: TasksStub },
        ]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const root = () => harness.fixture.nativeElement as HTMLElement;
  function input(label: string): HTMLInputElement {
    const l = [...root().querySelectorAll('mat-label')].find((e) => e.textContent?.trim() === label);
    return l?.closest('mat-form-field')?.querySelector('input') as HTMLInputElement;
  }
  function type(label: string, value: string) {
    const el = input(label);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  }
  function submit(name: string) {
    ([...root().querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement).click();
  }
  async function request(url: string): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await until(() => (found = backend.match(url)).length > 0);
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('signs in and goes back to where the user was going', async () => {
    await harness.navigateByUrl('/sign-in?returnUrl=%2Ftasks%3Fstatus%3Dpending');
    type('Email', ' ada@example.test ');
    type('Password', 'pw-123456');
    submit('Sign in');
    const req = await request('/api/auth/sign-in/email');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'ada@example.test', password: 'pw-123456', rememberMe: true });
    req.flush({ user: { id: 'u1', name: 'Ada', email: 'ada@example.test', image: null } });
    await until(() => TestBed.inject(Router).url !== '/sign-in?returnUrl=%2Ftasks%3Fstatus%3Dpending');
    expect(TestBed.inject(Router).url).toBe('/tasks?status=pending');
    expect(TestBed.inject(AuthSession).user()).toEqual({ id: 'u1', name: 'Ada', email: 'ada@example.test' });
  });

  it.each([
    ['/sign-in?signedOut=1', 'You signed out.'],
    ['/sign-in?deleted=1', 'Your account was deleted.'],
    ['/sign-in?expired=1&returnUrl=%2Ftasks', 'Your session has ended. Please sign in again.'],
  ])('%s says why the user is here', async (url, notice) => {
    await harness.navigateByUrl(url);
    expect(root().querySelector('[role=status]')?.textContent?.trim()).toBe(notice);
  });

  it('says nothing extra on a plain visit', async () => {
    await harness.navigateByUrl('/sign-in');
    expect(root().querySelector('[role=status]')).toBeNull();
  });

  it('gives one generic message for wrong credentials', async () => {
    await harness.navigateByUrl('/sign-in');
    type('Email', 'ada@example.test');
    type('Password', 'wrong-password');
    submit('Sign in');
    (await request('/api/auth/sign-in/email')).flush(
      { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await until(() => !!root().querySelector('[role=alert]'));
    expect(root().querySelector('[role=alert]')?.textContent?.trim()).toBe('Email or password is incorrect.');
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('validates sign-up inline before sending anything', async () => {
    await harness.navigateByUrl('/sign-up');
    type('Email', 'not-an-email');
    type('Password', 'short');
    type('Confirm password', 'different');
    submit('Sign up');
    await until(() => !!root().textContent?.includes('Enter your name.'));
    const text = root().textContent ?? '';
    expect(text).toContain('Enter your name.');
    expect(text).toContain('Enter a valid email address, like name@example.com.');
    expect(text).toContain('Use at least 8 characters.');
    expect(text).toContain('The passwords do not match.');
    backend.expectNone('/api/auth/sign-up/email');
  });

  it('says clearly when the email is taken', async () => {
    await harness.navigateByUrl('/sign-up');
    type('Name', 'Ada');
    type('Email', 'ada@example.test');
    type('Password', 'password-123');
    type('Confirm password', 'password-123');
    submit('Sign up');
    const req = await request('/api/auth/sign-up/email');
    expect(req.request.body).toEqual({ name: 'Ada', email: 'ada@example.test', password: 'password-123' });
    req.flush(
      { code: 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL', message: 'User already exists. Use another email.' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await until(() => !!root().textContent?.includes('already exists'));
    // One error, on the field, with the way out.
    expect(root().querySelectorAll('mat-error')).toHaveLength(1);
    expect(root().querySelector('mat-error')?.textContent?.trim()).toBe(
      'An account with this email already exists. Sign in instead.',
    );
    expect(root().querySelector('[role=alert]')).toBeNull();
    expect(root().querySelector('mat-error a')?.getAttribute('href')).toBe('/sign-in');

    type('Email', 'ada2@example.test');
    await until(() => root().querySelectorAll('mat-error').length === 0);
    expect(root().querySelectorAll('mat-error')).toHaveLength(0);
  });

  it.each(['notld@example', 'a@b.c', 'two@@example.com', 'space in@example.com', '.dot@example.com'])(
    'refuses %s as the auth server would, before sending anything',
    async (email) => {
      await harness.navigateByUrl('/sign-up');
      type('Name', 'Ada');
      type('Email', email);
      type('Password', 'password-123');
      type('Confirm password', 'password-123');
      submit('Sign up');
      await until(() => !!root().textContent?.includes('Enter a valid email address'));
      expect(root().querySelector('mat-error')?.textContent?.trim()).toBe(
        'Enter a valid email address, like name@example.com.',
      );
      backend.expectNone('/api/auth/sign-up/email');
    },
  );

  it('accepts the addresses the auth server accepts', async () => {
    await harness.navigateByUrl('/sign-up');
    type('Name', 'Ada');
    type('Email', " o'neil+tasks@mail.example.co.uk ");
    type('Password', 'password-123');
    type('Confirm password', 'password-123');
    submit('Sign up');
    const req = await request('/api/auth/sign-up/email');
    expect(req.request.body).toMatchObject({ email: "o'neil+tasks@mail.example.co.uk" });
    req.flush({ user: { id: 'u1', name: 'Ada', email: "o'neil+tasks@mail.example.co.uk" } });
  });

  it.each([
    [{ code: 'VALIDATION_ERROR', message: '[body.email] Invalid email address' }, 'Enter a valid email address, like name@example.com.'],
    [{ code: 'PASSWORD_TOO_SHORT', message: 'Password too short' }, 'Use at least 8 characters.'],
    [{ code: 'INVALID_NAME', message: 'The name must be 1 to 100 characters, without control characters.' }, 'Use 1 to 100 characters, without tabs or line breaks.'],
  ])('turns the auth server’s %j into words on the field', async (answer, words) => {
    await harness.navigateByUrl('/sign-up');
    type('Name', 'Ada');
    type('Email', 'ada@example.test');
    type('Password', 'password-123');
    type('Confirm password', 'password-123');
    submit('Sign up');
    (await request('/api/auth/sign-up/email')).flush(answer, { status: 400, statusText: 'Bad Request' });
    await until(() => !!root().querySelector('mat-error'));
    expect([...root().querySelectorAll('mat-error')].map((e) => e.textContent?.trim())).toEqual([words]);
    expect(root().textContent).not.toContain('[body.');
    expect(root().querySelector('[role=alert]')).toBeNull();
  });
});
