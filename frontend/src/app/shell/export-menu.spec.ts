import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { until } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { ExportMenu } from './export-menu';

const EXPORT = 'http://localhost:3000/api/user-1/tasks/export';

describe('ExportMenu', () => {
  let backend: HttpTestingController;
  let clicked: { href: string; download: string }[];
  let revoked: string[];
  const created: Blob[] = [];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    backend = TestBed.inject(HttpTestingController);
    clicked = [];
    revoked = [];
    created.length = 0;
    // jsdom has no object URLs and does not download: record what the browser would be given.
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    backend.verify();
  });

  async function chooseFormat(name: string) {
    const fixture = TestBed.createComponent(ExportMenu);
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector('button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).toBe('Export tasks');
    button.click();
    await fixture.whenStable();
    const item = [...document.querySelectorAll('[role=menuitem]')].find((i) => i.textContent?.includes(name)) as HTMLElement;
    item.click();
    await fixture.whenStable();
    return { fixture, button };
  }

  it('fetches the file with the token and hands it to the browser under the server’s name', async () => {
    const { fixture, button } = await chooseFormat('CSV');
    const req = backend.expectOne((r) => r.url === EXPORT);
    expect(req.request.params.get('format')).toBe('csv');
    expect(req.request.responseType).toBe('blob');
    // While it comes: disabled, and said.
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('Exporting…');
    const file = new Blob(['id,title\n'], { type: 'text/csv' });
    req.flush(file, { headers: { 'Content-Disposition': 'attachment; filename="tasks-2026-12-03.csv"' } });
    await fixture.whenStable();

    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'tasks-2026-12-03.csv' }]);
    expect(created[0]).toBe(file);
    expect(button.disabled).toBe(false);
    await until(() => document.querySelector('mat-snack-bar-container')?.textContent?.includes('Downloaded') ?? false);
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain('Downloaded tasks-2026-12-03.csv.');
  });

  it('says why, in the API’s words, when the export fails, and downloads nothing', async () => {
    const { fixture, button } = await chooseFormat('JSON');
    const req = backend.expectOne((r) => r.url === EXPORT && r.params.get('format') === 'json');
    const problem = new Blob([JSON.stringify({ title: 'Bad Request', status: 400, detail: 'format must be csv or json.' })], {
      type: 'application/problem+json',
    });
    req.flush(problem, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    await until(() => document.querySelector('mat-snack-bar-container')?.textContent?.includes('Could not') ?? false);
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain('Could not export your tasks. format must be csv or json.');
    expect(clicked).toEqual([]);
    expect(button.disabled).toBe(false);
  });
});
