import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { loadConfiguration } from '../../src/config/configuration';
import { createApp } from '../../src/create-app';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET } from './tokens';

/** A running in-process app listening on a free loopback port. */
export interface ListeningApp {
  app: NestFastifyApplication;
  origin: { host: string; port: number };
  url: string;
  close(): Promise<void>;
}

/**
 * The real application (createApp, as main.ts) on a database URL the caller
 * chooses (a TCP proxy in front of the test database, or a database shared by
 * several instances), listening on port 0.
 */
export async function startAppOn(databaseUrl: string, env: Record<string, string> = {}): Promise<ListeningApp> {
  const config = loadConfiguration({
    BETTER_AUTH_SECRET: TEST_SECRET,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, origin: { host: '127.0.0.1', port }, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
