import { APIError } from 'better-auth/api';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The common-password list of zxcvbn-ts (`@zxcvbn-ts/language-common`, the
 * ranked lists zxcvbn was built on), read once, checked offline.
 */
const COMMON = new Set(dictionary['passwords-common'].map((password: string) => password.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

/** Refuses a new password found on the list, with a message a person can act on. */
export function refuseCommonPassword(password: unknown): void {
  if (typeof password === 'string' && isCommonPassword(password)) {
    throw new APIError('BAD_REQUEST', {
      code: 'PASSWORD_TOO_COMMON',
      message: 'This password is on a list of common passwords that attackers try first. Choose another.',
    });
  }
}
