import { HttpErrorResponse } from '@angular/common/http';
import { problemMessage } from './problem-message';

function answer(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body });
}

describe('problemMessage', () => {
  it('passes on the server’s own sentence', () => {
    expect(problemMessage(answer(400, { detail: 'q must be at most 200 characters' }))).toBe(
      'q must be at most 200 characters',
    );
    expect(problemMessage(answer(400, { code: 'INVALID_PASSWORD', message: 'Invalid password' }))).toBe('Invalid password');
  });

  it('never shows a schema error meant for programs', () => {
    expect(problemMessage(answer(400, { code: 'VALIDATION_ERROR', message: '[body.email] Invalid email address' }), 'Sign-up failed.')).toBe(
      'Sign-up failed.',
    );
  });
});
