import { HttpErrorResponse } from '@angular/common/http';
import { FormControl } from '@angular/forms';
import { accountFieldError, emailAddress, nameValidators } from './account-rules';

describe('account rules, as the auth server has them', () => {
  // What the auth server says of each: Better Auth's z.email() (zod 4), and its 254-character limit.
  it.each([
    ['ada@example.com', true],
    ["o'neil+tasks@mail.example.co.uk", true],
    ['first.last@example.io', true],
    ['notld@example', false],
    ['a@b.c', false],
    ['.lead@example.com', false],
    ['two..dots@example.com', false],
    ['no-at.example.com', false],
    ['ada@-example.com', false],
    [`${'a'.repeat(250)}@x.io`, false],
  ])('%s is an address: %s', (address, accepted) => {
    expect(emailAddress(new FormControl(address))).toEqual(accepted ? null : { email: true });
  });

  it('counts a name in characters as people see them, and refuses control characters', () => {
    const check = (name: string) => {
      const control = new FormControl(name, nameValidators);
      return control.errors;
    };
    expect(check('😀'.repeat(100))).toBeNull();
    expect(check('😀'.repeat(101))).toEqual({ tooLong: { max: 100, actual: 101 } });
    expect(check('   ')).toEqual({ required: true });
    expect(check('Ada\tLovelace')).toEqual({ control: true });
  });

  it('names the field of a refusal, in words, and nothing else', () => {
    const refusal = (body: unknown, status = 400) => accountFieldError(new HttpErrorResponse({ status, error: body }));
    expect(refusal({ code: 'VALIDATION_ERROR', message: '[body.email] Invalid email address' })?.field).toBe('email');
    expect(refusal({ code: 'PASSWORD_TOO_LONG', message: 'Password too long' })).toEqual({
      field: 'password',
      message: 'Use at most 128 characters.',
    });
    expect(refusal({ code: 'INVALID_NAME', message: 'x' })?.field).toBe('name');
    expect(refusal({ code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' }, 401)).toBeNull();
    expect(refusal({ code: 'SOMETHING_ELSE', message: 'Something else' })).toBeNull();
  });
});
