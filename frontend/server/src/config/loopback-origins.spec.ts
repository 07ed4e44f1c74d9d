import type pg from 'pg';
import request from 'supertest';
import type { Express } from 'express';
import { createServer } from '../create-server';
import { createLogger } from '../logger';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { loadServerConfig } from './server-config';

// The launcher prints http://localhost:4200; a person who types
// http://127.0.0.1:4200 instead opens the same app and must be able to sign up.
let db: TestDatabase;
const built: { app: Express; pool: pg.Pool }[] = [];

async function serverFor(env: Record<string, string>): Promise<Express> {
  const config = loadServerConfig({ BETTER_AUTH_SECRET: 'loopback-secret-3c1e5a7b9d0f2a4c6e8b', DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...env });
  const server = await createServer(config, createLogger(config.logLevel));
  built.push(server);
  return server.app;
}

const signUp = (app: Express, origin: string, email: string) =>
  request(app).post('/api/auth/sign-up/email').set('Origin', origin).send({ name: 'Loop Back', email, password: 'loopback-horse-battery-17' });

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await Promise.all(built.map(({ pool }) => pool.end()));
  await db?.drop();
});

describe('the app opened through another loopback spelling', () => {
  it('signs up from http://127.0.0.1:4200 and http://[::1]:4200 in development', async () => {
    const app = await serverFor({});
    expect((await signUp(app, 'http://127.0.0.1:4200', 'one@example.test')).status).toBe(200);
    expect((await signUp(app, 'http://[::1]:4200', 'two@example.test')).status).toBe(200);
  });

  it('still refuses an origin that is not the app', async () => {
    const app = await serverFor({});
    const res = await signUp(app, 'http://evil.example', 'three@example.test');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INVALID_ORIGIN');
  });
});
