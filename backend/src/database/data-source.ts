import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfiguration } from '../config/configuration';
import { IdempotencyKeyEntity } from '../tasks/idempotency-key.entity';
import { TaskEntity } from '../tasks/task.entity';
import { MIGRATIONS } from './typeorm-options';

/**
 * For the TypeORM CLI (`npx typeorm-ts-node-commonjs -d backend/src/database/data-source.ts migration:show`).
 * The application itself migrates at start-up.
 */
export default new DataSource({
  type: 'postgres',
  url: loadConfiguration(process.env).database.url,
  entities: [TaskEntity, IdempotencyKeyEntity],
  migrations: MIGRATIONS,
});
