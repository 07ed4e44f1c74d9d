import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { fakeToken } from '../../testing/fake-token';
import { FakeAuthChannelBus } from '../../testing/fake-auth-channel';
import { settle, until } from '../../testing/task-fixture';
import { ApiTokenStore } from './api-token-store';
import { AUTH_CHANNEL, AUTH_CHANNEL_NAME, AuthBroadcast, openAuthChannel } from './auth-channel';
import { AuthSession } from './auth-session';

const ADA = { id: 'u1', name: 'Ada', email: 'ada@example.test' };

/** One browser tab: its own session, token cache, router and end of the channel. */
interface Tab {
  session: AuthSession;
  tokens: ApiTokenStore;
  navigate: jest.Mock;
  injector: EnvironmentInjector;
}

describe('AuthSession across tabs', () => {
  let backend: HttpTestingController;
  let bus: FakeAuthChannelBus;
  let tabs: Tab[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    bus = new FakeAuthChannelBus();
    tabs = [];
  });

  afterEach(() => {
    tabs.forEach((tab) => tab.injector.destroy());
    backend.verify();
  });

  function openTab(url = '/tasks', signedIn = true): Tab {
    const navigate = jest.fn().mockResolvedValue(true);
    const injector = createEnvironmentInjector(
      [
        AuthSession,
        ApiTokenStore,
        { provide: AUTH_CHANNEL, useFactory: () => bus.open() },
        { provide: Router, useValue: { url, navigate } },
      ],
      TestBed.inject(EnvironmentInjector),
    );
    const tab = { session: injector.get(AuthSession), tokens: injector.get(ApiTokenStore), navigate, injector };
    if (signedIn) tab.session.user.set(ADA);
    tabs.push(tab);
    return tab;
  }

  /** Gives the tab a cached API token, as after its first API call. */
  async function cacheToken(tab: Tab): Promise<void> {
    const token = firstValueFrom(tab.tokens.token());
    backend.expectOne('/api/auth/token').flush({ token: fakeToken(900) });
    await token;
  }

  it('signing out in one tab signs out every other tab at once, token included', async () => {
    const here = openTab('/tasks');
    const there = openTab('/account');
    await cacheToken(there);

    const done = here.session.signOut();
    const req = backend.expectOne('/api/auth/sign-out');
    expect(req.request.method).toBe('POST');
    req.flush({ success: true });
    await done;
    expect(here.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { signedOut: 1 } });

    await until(() => there.navigate.mock.calls.length > 0);
    expect(there.session.user()).toBeNull();
    expect(there.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { signedOut: 1 } });
    // Its cached token is gone: the next use asks Better Auth again.
    const next = firstValueFrom(there.tokens.token());
    backend.expectOne('/api/auth/token').flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(next).rejects.toMatchObject({ status: 401 });
    // The tab that signed out does not hear its own message.
    await settle();
    expect(here.navigate).toHaveBeenCalledTimes(1);
  });

  it('still signs out every tab when the server cannot be reached', async () => {
    const here = openTab();
    const there = openTab();
    const done = here.session.signOut();
    backend.expectOne('/api/auth/sign-out').error(new ProgressEvent('error'));
    await expect(done).rejects.toBeTruthy();
    await until(() => there.session.user() === null);
    expect(there.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { signedOut: 1 } });
  });

  it('an account deleted in one tab is reported as such in the others', async () => {
    const here = openTab();
    const there = openTab();
    await here.session.ended('deleted');
    expect(here.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { deleted: 1 } });
    await until(() => there.navigate.mock.calls.length > 0);
    expect(there.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { deleted: 1 } });
    expect(there.session.user()).toBeNull();
  });

  it('a session found expired in one tab sends the others through sign-in and back to their page', async () => {
    const here = openTab('/tasks?status=pending');
    const there = openTab('/account');
    here.session.expire();
    expect(here.navigate).toHaveBeenCalledWith(['/sign-in'], {
      queryParams: { expired: 1, returnUrl: '/tasks?status=pending' },
    });
    await until(() => there.navigate.mock.calls.length > 0);
    expect(there.navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { expired: 1, returnUrl: '/account' } });
  });

  it('leaves a tab that was not signed in where it is (someone may be typing there)', async () => {
    const here = openTab();
    const signUpTab = openTab('/sign-up', false);
    await here.session.ended('signed-out');
    await settle(10);
    expect(signUpTab.navigate).not.toHaveBeenCalled();
  });

  it('a tab signed out by another picks up a later sign-in on its next protected navigation', async () => {
    const here = openTab();
    const there = openTab();
    await here.session.ended('signed-out');
    await until(() => there.session.user() === null);

    // The sign-in and sign-up pages keep the answer they have...
    await expect(there.session.ensureLoaded()).resolves.toBeNull();
    backend.expectNone('/api/auth/get-session');
    // ...a protected page asks again, and finds the sign-in made meanwhile in another tab.
    const loaded = there.session.ensureLoaded(true);
    backend.expectOne('/api/auth/get-session').flush({ session: { id: 's2' }, user: ADA });
    await expect(loaded).resolves.toEqual(ADA);
    expect(there.session.user()).toEqual(ADA);
  });

  it('drops a session answer that arrives after the tab was signed out', async () => {
    const here = openTab();
    const there = openTab('/tasks', false);
    const loading = there.session.ensureLoaded();
    await here.session.ended('signed-out');
    await settle();
    backend.expectOne('/api/auth/get-session').flush({ session: { id: 's1' }, user: ADA });
    await expect(loading).resolves.toBeNull();
    expect(there.session.user()).toBeNull();
  });
});

describe('openAuthChannel', () => {
  const original = (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
  // jsdom has none; Node's is the same API the browsers implement.
  beforeAll(() => ((globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = NodeBroadcastChannel));
  afterAll(() => ((globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = original));

  it('carries sign-outs between tabs over BroadcastChannel("taskgate-auth") and ignores anything else', async () => {
    const first = openAuthChannel();
    const second = openAuthChannel();
    const received: AuthBroadcast[] = [];
    second?.listen((message) => received.push(message));
    const stranger = new NodeBroadcastChannel(AUTH_CHANNEL_NAME);
    try {
      stranger.postMessage({ type: 'signed-in', reason: 'whatever' });
      stranger.postMessage('signed-out');
      first?.post({ type: 'signed-out', reason: 'deleted' });
      await until(() => received.length > 0);
      await settle(20);
      expect(received).toEqual([{ type: 'signed-out', reason: 'deleted' }]);
    } finally {
      first?.close();
      second?.close();
      stranger.close();
    }
  });
});
