import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { DeferBlockState, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { until } from '../testing/task-fixture';
import { App } from './app';
import { AuthSession } from './auth/auth-session';
import { AppConfig } from './shared/app-config';

@Component({ template: 'sign-in stub' })
class SignInStub {}

describe('App shell', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([{ path: 'sign-in', component: SignInStub }]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
  });

  it('shows the product name, a skip link and a theme toggle; no sign-out when signed out', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.brand')?.textContent).toContain('Taskgate');
    expect(el.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    const toggle = el.querySelector('button[aria-label^="Theme: system"]') as HTMLButtonElement;
    toggle.click();
    await fixture.whenStable();
    expect(document.documentElement.classList).toContain('theme-light');
    expect(el.textContent).not.toContain('Sign out');
  });

  it('offers Account and Sign out in a menu named for the user; signing out forgets the user', async () => {
    const session = TestBed.inject(AuthSession);
    session.user.set({ id: 'u1', name: 'Ada', email: 'a@x' });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    // Drawn at once, before the menu's code has loaded.
    expect(el.querySelector('button[aria-label="Account: Ada"]')?.textContent).toContain('Ada');
    // The Export button's block comes first, then the account menu's.
    const [, menu] = await fixture.getDeferBlocks();
    await menu.render(DeferBlockState.Complete);
    const trigger = el.querySelector('button[aria-label="Account: Ada"]') as HTMLButtonElement;
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu');
    expect(el.textContent).not.toContain('Sign out');

    trigger.click();
    await fixture.whenStable();
    const items = [...document.querySelectorAll('[role="menuitem"]')] as HTMLElement[];
    expect(items.map((i) => i.textContent?.trim())).toEqual(['Account', 'Sign out']);
    expect(items[0].getAttribute('href')).toBe('/account');

    items[1].click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/auth/sign-out');
    expect(req.request.method).toBe('POST');
    req.flush({ success: true });
    await until(() => TestBed.inject(Router).url !== '/');
    expect(session.user()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/sign-in?signedOut=1');
    expect(el.querySelector('button[aria-label^="Account"]')).toBeNull();
  });

  it('shows the new name in the toolbar as soon as the account changes it', async () => {
    const session = TestBed.inject(AuthSession);
    session.user.set({ id: 'u1', name: 'Ada', email: 'a@x' });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    session.user.update((u) => u && { ...u, name: 'Ada Lovelace' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('button[aria-label="Account: Ada Lovelace"]')?.textContent).toContain('Ada Lovelace');
  });
});
