import { STATUS_CODES } from 'node:http';
import type { ProblemDetails } from '@taskgate/api-contract';
import type { FastifyReply } from 'fastify';

export interface Problem {
  status: number;
  detail: string;
  errors?: ProblemDetails['errors'];
}

/** Sends an RFC 9457 body. `url` is the request's; its path becomes `instance`. */
export function sendProblem(reply: FastifyReply, url: string | undefined, problem: Problem): void {
  const body: ProblemDetails = {
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance: (url ?? '/').split('?')[0],
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  reply.status(problem.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
}
