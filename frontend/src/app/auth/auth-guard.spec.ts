import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authGuard } from './auth-guard';
import { guestGuard } from './guest-guard';

@Component({ template: '<h1>Private tasks</h1>' })
class PrivatePage {}

@Component({ template: '<h1>Sign in page</h1>' })
class SignInStub {}

describe('authGuard and guestGuard', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'tasks', component: PrivatePage, canActivate: [authGuard] },
          { path: 'sign-in', component: SignInStub, canActivate: [guestGuard] },
        ]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function navigate(url: string, session: object | null) {
    const harness = await RouterTestingHarness.create();
    const done = harness.navigateByUrl(url);
    // The guard asks the server once; answer when it does.
    let asked = 0;
    for (let i = 0; i < 50 && !asked; i++) {
      await new Promise((r) => setTimeout(r, 0));
      const reqs = backend.match('/api/auth/get-session');
      reqs.forEach((r) => r.flush(session));
      asked = reqs.length;
    }
    expect(asked).toBe(1);
    await done.catch(() => undefined);
    await harness.fixture.whenStable();
    return { harness, router: TestBed.inject(Router) };
  }

  it('sends a signed-out deep link through sign-in, keeping where it was going', async () => {
    const { harness, router } = await navigate('/tasks?status=pending', null);
    expect(router.url).toBe('/sign-in?returnUrl=%2Ftasks%3Fstatus%3Dpending');
    expect(harness.routeNativeElement?.textContent).toContain('Sign in page');
    expect(harness.routeNativeElement?.textContent).not.toContain('Private');
  });

  it('lets a signed-in user through', async () => {
    const { harness, router } = await navigate('/tasks', { user: { id: 'u1', name: 'Ada', email: 'a@x' } });
    expect(router.url).toBe('/tasks');
    expect(harness.routeNativeElement?.textContent).toContain('Private tasks');
  });

  it('sends a signed-in user away from sign-in to the return URL', async () => {
    const { router } = await navigate('/sign-in?returnUrl=%2Ftasks', { user: { id: 'u1', name: 'Ada', email: 'a@x' } });
    expect(router.url).toBe('/tasks');
  });

  it('ignores an off-site return URL', async () => {
    const { router } = await navigate('/sign-in?returnUrl=%2F%2Fevil.example', {
      user: { id: 'u1', name: 'Ada', email: 'a@x' },
    });
    expect(router.url).toBe('/tasks');
  });
});
