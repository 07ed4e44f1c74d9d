import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** What the frontend server itself answers with when it refuses or fails a request. */
export interface Problem {
  status: number;
  /** Better Auth's error code style (`PAYLOAD_TOO_LARGE`), which the portal already reads. */
  code: string;
  /** One sentence for a person. */
  message: string;
}

/**
 * An RFC 9457 body, plus Better Auth's `code` and `message` as extension
 * members, so the portal reads the frontend server's own errors exactly as it
 * reads Better Auth's (`message`), and API clients get the API's shape.
 */
export function problemBody(path: string, problem: Problem): string {
  return JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    instance: path,
    code: problem.code,
    message: problem.message,
  });
}

/** Sends a problem through Express (the security headers are already set by then). */
export function sendProblem(res: Response, path: string, problem: Problem): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problemBody(path, problem));
}
