import { createHmac } from 'node:crypto';
import { expect, test } from './fixtures';
import { API_URL, apiToken, decodeToken, newPerson, signUp, waitForApi } from './support';

function signHs256(claims: object, key: string | Buffer): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

test('the backend accepts the frontend server’s token and rejects one signed with the raw secret', async ({
  page,
  request,
}) => {
  const gus = newPerson('Gus');
  await waitForApi(page);
  await signUp(page, gus);
  const token = await apiToken(page);
  const { header, claims: payload } = decodeToken(token);
  expect(header).toMatchObject({ alg: 'HS256' });
  expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'exp', 'iat', 'iss', 'name', 'sid', 'sub']);
  expect(payload.email).toBe(gus.email);

  const ok = await request.get(`${API_URL}/api/${payload.sub}/tasks`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(ok.status()).toBe(200);

  // Same claims, signed with BETTER_AUTH_SECRET itself instead of the derived key.
  const forged = signHs256(payload, process.env['E2E_AUTH_SECRET'] as string);
  const rejected = await request.get(`${API_URL}/api/${payload.sub}/tasks`, {
    headers: { Authorization: `Bearer ${forged}` },
  });
  expect(rejected.status()).toBe(401);

  // Another person's path with a valid token is refused.
  const other = await request.get(`${API_URL}/api/someone-else/tasks`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(other.status()).toBe(403);
});
