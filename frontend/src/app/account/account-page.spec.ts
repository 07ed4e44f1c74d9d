import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { FakeAuthChannelBus } from '../../testing/fake-auth-channel';
import { fakeToken } from '../../testing/fake-token';
import { settle, until } from '../../testing/task-fixture';
import { ApiTokenStore } from '../auth/api-token-store';
import { AUTH_CHANNEL } from '../auth/auth-channel';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { AccountSession } from './account-api';
import { AccountPage } from './account-page';

@Component({ template: '<h1>Sign in stub</h1>' })
class SignInStub {}

@Component({ template: '<h1>Tasks stub</h1>' })
class TasksStub {}

const API = 'http://localhost:3000';
const ADA = { id: 'user-1', name: 'Ada', email: 'ada@example.test' };
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

function aSession(overrides: Partial<AccountSession> = {}): AccountSession {
  return {
    id: 's-here',
    userId: ADA.id,
    createdAt: '2026-11-20T09:15:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    expiresAt: '2026-11-29T10:00:00.000Z',
    ipAddress: '203.0.113.7',
    userAgent: CHROME_LINUX,
    ...overrides,
  };
}

const HERE = aSession();
const LAPTOP = aSession({
  id: 's-laptop',
  userAgent: FIREFOX_WINDOWS,
  ipAddress: '198.51.100.4',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-21T18:30:00.000Z',
});

describe('AccountPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let session: AuthSession;
  let bus: FakeAuthChannelBus;
  let clockShift: number;

  beforeEach(async () => {
    clockShift = 0;
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + clockShift);
    bus = new FakeAuthChannelBus();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'account', component: AccountPage },
          { path: 'sign-in', component: SignInStub },
          { path: 'tasks', component: TasksStub },
        ]),
        { provide: AUTH_CHANNEL, useFactory: () => bus.open() },
      ],
    });
    TestBed.inject(AppConfig).set({ apiUrl: API });
    session = TestBed.inject(AuthSession);
    session.user.set(ADA);
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    backend.verify();
    jest.restoreAllMocks();
  });

  const root = () => harness.fixture.nativeElement as HTMLElement;
  const text = () => root().textContent?.replace(/\s+/g, ' ') ?? '';
  const router = () => TestBed.inject(Router);

  function section(title: string): HTMLElement {
    const heading = [...root().querySelectorAll('h2')].find((h) => h.textContent?.trim() === title);
    return heading?.closest('section') as HTMLElement;
  }
  function button(name: string, within: ParentNode = document): HTMLButtonElement {
    const found = [...within.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === name || b.getAttribute('aria-label') === name,
    );
    if (!found) throw new Error(`no button "${name}"`);
    return found as HTMLButtonElement;
  }
  function input(label: string, within: ParentNode = document): HTMLInputElement {
    const l = [...within.querySelectorAll('mat-label')].find((e) => e.textContent?.trim() === label);
    return l?.closest('mat-form-field')?.querySelector('input, textarea') as HTMLInputElement;
  }
  function type(label: string, value: string, within: ParentNode = document) {
    const el = input(label, within);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  }
  async function request(url: string, method = 'POST'): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await until(() => (found = backend.match((r) => r.url === url && r.method === method)).length > 0);
    expect(found).toHaveLength(1);
    return found[0];
  }
  async function answerSessions(currentId: string | null, sessions: AccountSession[]): Promise<void> {
    (await request('/api/auth/get-session', 'GET')).flush(
      currentId ? { session: { id: currentId, userId: ADA.id }, user: ADA } : null,
    );
    (await request('/api/auth/list-sessions', 'GET')).flush(sessions);
    await settle();
    await harness.fixture.whenStable();
  }
  function sessionRows(): HTMLElement[] {
    return [...section('Active sessions').querySelectorAll('li')] as HTMLElement[];
  }
  async function open(sessions: AccountSession[] = [LAPTOP, HERE]): Promise<void> {
    await harness.navigateByUrl('/account');
    await answerSessions(HERE.id, sessions);
  }
  async function shown(check: () => boolean): Promise<void> {
    await until(() => {
      harness.fixture.detectChanges();
      return check();
    }, 2000);
  }

  describe('Active sessions', () => {
    it('lists each session with its device, IP and dates, this device first and marked', async () => {
      await open();
      const rows = sessionRows();
      expect(rows).toHaveLength(2);
      const [first, second] = rows.map((r) => r.textContent?.replace(/\s+/g, ' ') ?? '');
      expect(first).toContain('Chrome 156 on Linux');
      expect(first).toContain('This device');
      expect(first).toContain('IP 203.0.113.7');
      expect(first).toMatch(/Signed in Nov 20, 2026, \d{1,2}:15 [AP]M/);
      expect(first).toMatch(/Last active Nov 22, 2026/);
      expect(second).toContain('Firefox 128 on Windows');
      expect(second).not.toContain('This device');
      expect(second).toContain('IP 198.51.100.4');
      expect(rows[1].querySelector('button')?.getAttribute('aria-label')).toBe('Sign out Firefox 128 on Windows');
    });

    it('signs out another device by its id, says so, and shows the list again', async () => {
      await open();
      button('Sign out Firefox 128 on Windows').click();
      const req = await request('/api/auth/revoke-session-by-id');
      expect(req.request.body).toEqual({ id: 's-laptop' });
      req.flush({ status: true });
      await answerSessions(HERE.id, [HERE]);
      expect(sessionRows()).toHaveLength(1);
      expect(text()).toContain('Signed out Firefox 128 on Windows.');
      expect(session.user()).toEqual(ADA);
    });

    it('a session that had already ended is not an error; the list is refreshed', async () => {
      await open();
      button('Sign out Firefox 128 on Windows').click();
      (await request('/api/auth/revoke-session-by-id')).flush(
        { message: 'Session not found' },
        { status: 404, statusText: 'Not Found' },
      );
      await answerSessions(HERE.id, [HERE]);
      expect(text()).toContain('That session had already ended.');
      expect(section('Active sessions').querySelector('.outcome.error')).toBeNull();
    });

    it('signs out every other device', async () => {
      await open();
      button('Sign out other devices').click();
      const req = await request('/api/auth/revoke-other-sessions');
      expect(req.request.body).toEqual({});
      req.flush({ status: true });
      await answerSessions(HERE.id, [HERE]);
      expect(text()).toContain('Signed out every other device.');
      expect(button('Sign out other devices').disabled).toBe(true);
    });

    it('the current row signs this browser out normally', async () => {
      await open();
      button('Sign out Chrome 156 on Linux (this device)').click();
      (await request('/api/auth/sign-out')).flush({ success: true });
      await until(() => router().url.startsWith('/sign-in'));
      expect(router().url).toBe('/sign-in?signedOut=1');
      backend.expectNone('/api/auth/revoke-session-by-id');
    });

    it('"Sign out everywhere" ends every session, then signs out here and in the other tabs', async () => {
      const otherTab = bus.open();
      const heard: unknown[] = [];
      otherTab.listen((m) => heard.push(m));
      await open();
      button('Sign out everywhere').click();
      (await request('/api/auth/revoke-sessions')).flush({ status: true });
      (await request('/api/auth/sign-out')).flush({ success: true });
      await until(() => router().url.startsWith('/sign-in'));
      expect(router().url).toBe('/sign-in?signedOut=1');
      expect(session.user()).toBeNull();
      await until(() => heard.length > 0);
      expect(heard).toEqual([{ type: 'signed-out', reason: 'signed-out' }]);
    });

    it('keeps the user signed in and says why when "Sign out everywhere" fails', async () => {
      await open();
      button('Sign out everywhere').click();
      (await request('/api/auth/revoke-sessions')).flush(null, { status: 503, statusText: 'Unavailable' });
      await shown(() => text().includes('The server had a problem'));
      expect(session.user()).toEqual(ADA);
      expect(router().url).toBe('/account');
    });

    it('a session ended elsewhere goes through sign-in and back to the account page', async () => {
      await harness.navigateByUrl('/account');
      (await request('/api/auth/get-session', 'GET')).flush(null);
      (await request('/api/auth/list-sessions', 'GET')).flush(
        { message: 'Unauthorized', code: 'UNAUTHORIZED' },
        { status: 401, statusText: 'Unauthorized' },
      );
      await until(() => router().url.startsWith('/sign-in'));
      expect(router().url).toBe('/sign-in?expired=1&returnUrl=%2Faccount');
      expect(session.user()).toBeNull();
    });

    it('explains a list that needs a recent sign-in, and offers a retry', async () => {
      await harness.navigateByUrl('/account');
      (await request('/api/auth/get-session', 'GET')).flush({ session: { id: HERE.id }, user: ADA });
      (await request('/api/auth/list-sessions', 'GET')).flush(
        { code: 'SESSION_NOT_FRESH', message: 'Session is not fresh' },
        { status: 403, statusText: 'Forbidden' },
      );
      await shown(() => text().includes('this needs a recent sign-in'));
      button('Retry').click();
      await answerSessions(HERE.id, [HERE]);
      expect(sessionRows()).toHaveLength(1);
      expect(text()).not.toContain('this needs a recent sign-in');
    });
  });

  describe('Profile', () => {
    it('saves the trimmed name and shows it in the toolbar state at once', async () => {
      await open();
      const profile = section('Profile');
      expect(input('Name', profile).value).toBe('Ada');
      expect(input('Email', profile).value).toBe('ada@example.test');
      expect(input('Email', profile).readOnly).toBe(true);
      type('Name', '  Ada Lovelace ', profile);
      button('Save name', profile).click();
      const req = await request('/api/auth/update-user');
      expect(req.request.body).toEqual({ name: 'Ada Lovelace' });
      req.flush({ status: true });
      await shown(() => profile.textContent?.includes('Name saved.') ?? false);
      expect(session.user()?.name).toBe('Ada Lovelace');
    });

    it('refuses a blank or too long name before sending anything', async () => {
      await open();
      const profile = section('Profile');
      type('Name', '   ', profile);
      button('Save name', profile).click();
      await shown(() => profile.textContent?.includes('Enter your name.') ?? false);
      type('Name', 'x'.repeat(101), profile);
      await shown(() => profile.textContent?.includes('Use at most 100 characters.') ?? false);
      button('Save name', profile).click();
      await settle();
      backend.expectNone('/api/auth/update-user');
      expect(session.user()?.name).toBe('Ada');
    });
  });

  describe('Change password', () => {
    function fill(current: string, next: string, confirm = next) {
      const card = section('Change password');
      type('Current password', current, card);
      type('New password', next, card);
      type('Confirm new password', confirm, card);
      return card;
    }

    it('shows Better Auth\'s message when the current password is wrong, and keeps the token', async () => {
      await open();
      const tokens = TestBed.inject(ApiTokenStore);
      const clear = jest.spyOn(tokens, 'clear');
      const card = fill('not-my-password', 'new-password-1');
      button('Change password', card).click();
      const req = await request('/api/auth/change-password');
      req.flush({ code: 'INVALID_PASSWORD', message: 'Invalid password' }, { status: 400, statusText: 'Bad Request' });
      await shown(() => !!card.querySelector('[role=alert]'));
      expect(card.querySelector('[role=alert]')?.textContent?.trim()).toBe('Password not changed. Invalid password.');
      expect(document.activeElement).toBe(input('Current password', card));
      expect(clear).not.toHaveBeenCalled();
    });

    it('changes it, signing out the other devices by default, then refreshes the sessions', async () => {
      await open();
      const clear = jest.spyOn(TestBed.inject(ApiTokenStore), 'clear');
      const card = fill('old-password-1', 'new-password-1');
      expect((card.querySelector('input[type=checkbox]') as HTMLInputElement).checked).toBe(true);
      button('Change password', card).click();
      const req = await request('/api/auth/change-password');
      expect(req.request.body).toEqual({
        currentPassword: 'old-password-1',
        newPassword: 'new-password-1',
        revokeOtherSessions: true,
      });
      req.flush({ token: null, user: ADA });
      // Better Auth gave this browser a new session; the list shows it as this device.
      await answerSessions('s-new', [aSession({ id: 's-new' })]);
      expect(text()).toContain('Password changed. Your other devices were signed out.');
      expect(clear).toHaveBeenCalled();
      expect(sessionRows()).toHaveLength(1);
      expect(sessionRows()[0].textContent).toContain('This device');
      expect(input('Current password', card).value).toBe('');
      expect(card.querySelector('mat-error')).toBeNull();
    });

    it('can keep the other devices signed in', async () => {
      await open();
      const card = fill('old-password-1', 'new-password-1');
      (card.querySelector('input[type=checkbox]') as HTMLInputElement).click();
      button('Change password', card).click();
      const req = await request('/api/auth/change-password');
      expect(req.request.body.revokeOtherSessions).toBe(false);
      req.flush({ token: null, user: ADA });
      await answerSessions(HERE.id, [LAPTOP, HERE]);
      expect(text()).toContain('Password changed.');
      expect(text()).not.toContain('other devices were signed out');
    });

    it('checks the new password like sign-up does, before sending anything', async () => {
      await open();
      const card = fill('old-password-1', 'short', 'other');
      button('Change password', card).click();
      await shown(() => card.textContent?.includes('Use at least 8 characters.') ?? false);
      expect(card.textContent).toContain('The passwords do not match.');
      backend.expectNone('/api/auth/change-password');
    });
  });

  describe('API access', () => {
    async function reveal(token: string) {
      const card = section('API access');
      expect(card.querySelector('textarea')).toBeNull();
      button('Show my API token', card).click();
      (await request('/api/auth/token', 'GET')).flush({ token });
      await shown(() => !!card.querySelector('textarea'));
      return card;
    }

    it('shows the user id and a Swagger UI link; the token only on request', async () => {
      await open();
      const card = section('API access');
      expect(card.textContent).toContain('Your user id: user-1');
      const link = card.querySelector('a') as HTMLAnchorElement;
      expect(link.href).toBe(`${API}/api/docs`);
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener');
      expect(card.textContent).toContain('use its Authorize button and paste the token');
      backend.expectNone('/api/auth/token');
    });

    it('reveals the in-memory token with a countdown, a copy button and a ready curl line', async () => {
      await open();
      const token = fakeToken(754, 'shown', Math.floor(Date.now() / 1000));
      const card = await reveal(token);
      expect(input('API token', card).value).toBe(token);
      expect(input('curl command', card).value).toBe(
        `curl -H "Authorization: Bearer ${token}" ${API}/api/user-1/tasks`,
      );
      expect(card.textContent).toMatch(/Expires in 12:3[34]/);
      clockShift += 60_000;
      await shown(() => /Expires in 11:3[34]/.test(card.textContent ?? ''));
      // The token the interceptor uses is the one shown: no second fetch.
      const tokens = TestBed.inject(ApiTokenStore);
      let used = '';
      tokens.token().subscribe((t) => (used = t));
      expect(used).toBe(token);

      const copy = jest.fn().mockReturnValue(true);
      document.execCommand = copy;
      button('Copy token', card).click();
      expect(copy).toHaveBeenCalledWith('copy');
      await until(() => document.body.textContent?.includes('Token copied.') ?? false);
      expect(document.body.textContent).toContain('Token copied.');
    });

    it('says when the token has expired and gets a fresh one on request', async () => {
      await open();
      const card = await reveal(fakeToken(30, 'old', Math.floor(Date.now() / 1000)));
      clockShift += 31_000;
      await shown(() => card.textContent?.includes('This token has expired.') ?? false);
      button('Get a fresh token', card).click();
      const fresh = fakeToken(900, 'fresh', Math.floor(Date.now() / 1000));
      (await request('/api/auth/token', 'GET')).flush({ token: fresh });
      await shown(() => input('API token', card).value === fresh);
      expect(card.textContent).toMatch(/Expires in 1[45]:\d\d/);
      expect(card.textContent).not.toContain('expired');
    });

    it('hides the token again on request and when the page is left', async () => {
      await open();
      const token = fakeToken(900, 'shown', Math.floor(Date.now() / 1000));
      let card = await reveal(token);
      button('Hide token', card).click();
      await shown(() => !card.querySelector('textarea'));
      expect(root().textContent).not.toContain(token);

      button('Show my API token', card).click(); // cached: no new request
      await shown(() => !!card.querySelector('textarea'));
      await harness.navigateByUrl('/tasks');
      await harness.navigateByUrl('/account');
      await answerSessions(HERE.id, [HERE]);
      card = section('API access');
      expect(card.querySelector('textarea')).toBeNull();
      expect(root().textContent).not.toContain(token);
      expect(button('Show my API token', card)).toBeTruthy();
    });

    it('hides a shown token once a password change has replaced the session it belonged to', async () => {
      await open();
      const card = await reveal(fakeToken(900, 'shown', Math.floor(Date.now() / 1000)));
      const password = section('Change password');
      type('Current password', 'old-password-1', password);
      type('New password', 'new-password-1', password);
      type('Confirm new password', 'new-password-1', password);
      button('Change password', password).click();
      (await request('/api/auth/change-password')).flush({ token: null, user: ADA });
      await answerSessions('s-new', [aSession({ id: 's-new' })]);
      await shown(() => !card.querySelector('textarea'));
    });
  });

  describe('Delete account', () => {
    function dialog(): HTMLElement {
      return document.querySelector('mat-dialog-container') as HTMLElement;
    }
    async function openDialog(): Promise<void> {
      button('Delete account…').click();
      await until(() => !!dialog()?.querySelector('mat-label'));
    }

    it('says exactly what is erased', async () => {
      await open();
      expect(section('Delete account').textContent).toContain(
        'your account, every session, and all your tasks, labels and their history; this cannot be undone',
      );
    });

    it('a wrong password deletes nothing and shows the server\'s message', async () => {
      await open();
      await openDialog();
      type('Password', 'wrong-password', dialog());
      button('Delete account', dialog()).click();
      const req = await request('/api/auth/delete-user');
      expect(req.request.body).toEqual({ password: 'wrong-password' });
      req.flush({ code: 'INVALID_PASSWORD', message: 'Invalid password' }, { status: 400, statusText: 'Bad Request' });
      await shown(() => !!dialog()?.querySelector('[role=alert]'));
      expect(dialog().querySelector('[role=alert]')?.textContent?.trim()).toBe('Account not deleted. Invalid password.');
      expect(input('Password', dialog())).toBeTruthy();
      expect(session.user()).toEqual(ADA);
      expect(router().url).toBe('/account');
    });

    it('deletes with the password, signs out every tab and says so on sign-in', async () => {
      const otherTab = bus.open();
      const heard: unknown[] = [];
      otherTab.listen((m) => heard.push(m));
      await open();
      await openDialog();
      type('Password', 'my-password-1', dialog());
      button('Delete account', dialog()).click();
      (await request('/api/auth/delete-user')).flush({ success: true, message: 'User deleted' });
      await until(() => router().url.startsWith('/sign-in'));
      expect(router().url).toBe('/sign-in?deleted=1');
      expect(session.user()).toBeNull();
      await until(() => heard.length > 0);
      expect(heard).toEqual([{ type: 'signed-out', reason: 'deleted' }]);
    });

    it('cancelling deletes nothing', async () => {
      await open();
      await openDialog();
      button('Cancel', dialog()).click();
      await until(() => !dialog());
      backend.expectNone('/api/auth/delete-user');
      expect(session.user()).toEqual(ADA);
    });
  });
});
