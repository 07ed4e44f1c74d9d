import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';
import { AuthSession } from './auth/auth-session';

@Component({ template: 'sign-in stub' })
class SignInStub {}

describe('App shell', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([{ path: 'sign-in', component: SignInStub }]), provideHttpClient(), provideHttpClientTesting()],
    });
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

  it('signs out through Better Auth and forgets the user', async () => {
    const session = TestBed.inject(AuthSession);
    session.user.set({ id: 'u1', name: 'Ada', email: 'a@x' });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Ada');
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Sign out')) as HTMLButtonElement;
    button.click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/auth/sign-out');
    expect(req.request.method).toBe('POST');
    req.flush({ success: true });
    await fixture.whenStable();
    expect(session.user()).toBeNull();
    expect(el.textContent).not.toContain('Sign out');
  });
});
