import { problemMessage } from '../shared/problem-message';

/**
 * What did not happen, then why, in the server's words:
 * "Password not changed. Invalid password."
 */
export function failureMessage(whatFailed: string, error: unknown): string {
  const reason = problemMessage(error, 'Try again.').trim();
  return `${whatFailed} ${/[.!?]$/.test(reason) ? reason : `${reason}.`}`;
}
