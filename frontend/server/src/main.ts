import { fileURLToPath } from 'node:url';
import { ConfigError, loadServerConfig } from './config/server-config';
import { createServer } from './create-server';
import { createHttpServer } from './http/server-limits';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const logger = createLogger(config.logLevel);
  const browserDir =
    process.env['STATIC_DIR'] ?? fileURLToPath(new URL('../web/browser', import.meta.url));
  const { app, pool, redis } = await createServer(config, logger, browserDir);

  const server = createHttpServer(app).listen(config.port, () => {
    logger.info('listening', { url: config.authUrl, port: config.port, apiUrl: config.apiUrl });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Stop accepting, let in-flight requests finish, then close the pool.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      Promise.allSettled([pool.end(), redis?.quit()]).finally(() => process.exit(0));
    });
    server.closeIdleConnections?.();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`frontend-server: ${error.message}\n`);
  } else {
    // The message only: a driver error can echo a connection string.
    const message = error instanceof Error ? error.message.replace(/\/\/[^@\s]*@/g, '//***@') : String(error);
    process.stderr.write(`frontend-server: failed to start: ${message}\n`);
  }
  process.exit(1);
});
