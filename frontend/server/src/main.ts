import { fileURLToPath } from 'node:url';
import { listenForMetrics } from '@taskgate/metrics';
import { EnvironmentError } from '@taskgate/server-environment';
import { loadServerConfig } from './config/server-config';
import { createServer } from './create-server';
import { createHttpServer } from './http/server-limits';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const logger = createLogger(config.logLevel);
  const browserDir =
    process.env['STATIC_DIR'] ?? fileURLToPath(new URL('../web/browser', import.meta.url));
  const { app, pool, redis, metrics } = await createServer(config, logger, browserDir);
  // On a listener of its own, before the app's: an address in use stops start-up.
  const metricsEndpoint =
    metrics && config.metrics ? await listenForMetrics(metrics.registry, config.metrics, 'FRONTEND_METRICS_PORT') : undefined;

  const server = createHttpServer(app).listen(config.port, () => {
    logger.info('listening', { url: config.authUrl, port: config.port, apiUrl: config.apiUrl, metricsPort: metricsEndpoint?.port });
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
      Promise.allSettled([pool.end(), redis?.quit(), metricsEndpoint?.close()]).finally(() => process.exit(0));
    });
    server.closeIdleConnections?.();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvironmentError) {
    process.stderr.write(`frontend-server: ${error.message}\n`);
  } else {
    // The message only: a driver error can echo a connection string.
    const message = error instanceof Error ? error.message.replace(/\/\/[^@\s]*@/g, '//***@') : String(error);
    process.stderr.write(`frontend-server: failed to start: ${message}\n`);
  }
  process.exit(1);
});
