import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Configuration, loadConfiguration } from '../../src/config/configuration';
import { createApp } from '../../src/create-app';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_PREVIOUS_SECRET, TEST_SECRET } from './tokens';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: TestDatabase;
  config: Configuration;
  close(): Promise<void>;
}

/**
 * The real application (the same createApp as main.ts) on a database of its
 * own; `env` adds or overrides environment variables.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfiguration({
    BETTER_AUTH_SECRET: TEST_SECRET,
    BETTER_AUTH_PREVIOUS_SECRETS: TEST_PREVIOUS_SECRET,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    config,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
