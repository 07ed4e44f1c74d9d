import { Task } from '@taskgate/api-contract';
import TestAgent from 'supertest/lib/agent';
import { bearer, newUserId, tokenFor } from './tokens';

/** A signed-in user of the API: their id, token and a few shortcuts. */
export function apiUser(http: TestAgent, label = 'user') {
  const id = newUserId(label);
  const auth = bearer(tokenFor(id));
  const base = `/api/${encodeURIComponent(id)}/tasks`;
  return {
    id,
    auth,
    base,
    list: (query = '') => http.get(`${base}${query}`).set(auth),
    create: (body: object) => http.post(base).set(auth).send(body),
    get: (taskId: string) => http.get(`${base}/${taskId}`).set(auth),
    put: (taskId: string, body: object) => http.put(`${base}/${taskId}`).set(auth).send(body),
    remove: (taskId: string) => http.delete(`${base}/${taskId}`).set(auth),
    complete: (taskId: string, body?: object) => {
      const call = http.patch(`${base}/${taskId}/complete`).set(auth);
      return body === undefined ? call : call.send(body);
    },
    /** Creates a task and returns its body. */
    async createTask(body: object = { title: 'A task' }) {
      const response = await http.post(base).set(auth).send(body);
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as Task;
    },
  };
}
export type ApiUser = ReturnType<typeof apiUser>;
