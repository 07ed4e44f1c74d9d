import 'reflect-metadata';
import { EnvironmentError } from '@taskgate/server-environment';
import { loadConfiguration } from './config/configuration';
import { createApp } from './create-app';

async function bootstrap() {
  let config;
  try {
    config = loadConfiguration(process.env);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      // One line naming the variable; no stack trace for a configuration mistake.
      console.error(`taskgate-backend: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.app.port, config.app.host);
}

bootstrap().catch((error) => {
  console.error(`taskgate-backend: failed to start: ${error?.message ?? error}`);
  process.exit(1);
});
