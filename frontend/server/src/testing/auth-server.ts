import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../app';
import { createAuth, migrateAuth } from '../auth/create-auth';
import { createHttpServer } from '../http/server-limits';
import { createLogger, type Logger } from '../logger';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';

export const TEST_ORIGIN = 'http://localhost:4200';
export const TEST_PASSWORD = 'correct-horse-9';
const LOOPBACK = ['127.0.0.1', '::1'];
/** Better Auth's per-address limits are process-wide: every test browser gets an address of its own. */
let addresses = 0;
const nextAddress = () => {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

export interface AuthServerOptions {
  /** Better Auth's baseURL; `https://…` makes cookies Secure and sends HSTS. */
  baseUrl?: string;
  redis?: Redis;
  requestTimeoutMs?: number;
  logger?: Logger;
  /** Share one database between servers (two replicas); default a new one. */
  db?: TestDatabase;
}

/**
 * The frontend server as main.ts runs it (createAuth, migrateAuth, createApp,
 * createHttpServer) on a throw-away database, listening on a free port, with
 * loopback as the trusted proxy so each test browser can be its own address.
 */
export async function startAuthServer(options: AuthServerOptions = {}) {
  const db = options.db ?? (await createTestDatabase());
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const baseUrl = options.baseUrl ?? TEST_ORIGIN;
  const auth = createAuth({
    pool,
    secret: 'a-test-secret-that-is-long-enough-0123456789',
    baseUrl,
    trustedOrigins: [],
    trustedProxies: LOOPBACK,
    jwtIssuer: TEST_ORIGIN,
    jwtAudience: TEST_ORIGIN,
    tokenLifetimeSeconds: 900,
    redis: options.redis,
  });
  await migrateAuth(auth, pool);
  const app = createApp({
    checkDatabase: () => pool.query('SELECT 1'),
    auth,
    apiUrl: 'http://localhost:3000',
    https: baseUrl.startsWith('https:'),
    trustedProxies: LOOPBACK,
    logger: options.logger ?? createLogger('silent'),
  });
  const server: Server = createHttpServer(app, options.requestTimeoutMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    db,
    pool,
    port,
    origin: new URL(baseUrl).origin,
    /** One browser: its own cookie jar and (through the trusted proxy) its own address. */
    browser(ip = nextAddress()) {
      const agent = request.agent(server);
      return {
        post: (path: string, body: object = {}) => agent.post(path).set('Origin', new URL(baseUrl).origin).set('X-Forwarded-For', ip).send(body),
        get: (path: string) => agent.get(path).set('X-Forwarded-For', ip),
      };
    },
    async close(dropDatabase = !options.db) {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
      if (dropDatabase) await db.drop();
    },
  };
}

export type AuthServer = Awaited<ReturnType<typeof startAuthServer>>;
