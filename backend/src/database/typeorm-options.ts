import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { Configuration } from '../config/configuration';
import { CreateTasks1763800000000 } from './migrations/1763800000000-create-tasks';

/** Every migration, in order. Listed, not globbed: the backend is one bundled file. */
export const MIGRATIONS = [CreateTasks1763800000000];

/** Milliseconds a statement or a connection attempt may take before the request answers 503. */
const STATEMENT_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 2000;

/**
 * TypeORM on PostgreSQL: migrations applied at start-up (never `synchronize`),
 * only this backend's tables mapped (Better Auth owns the others in the same
 * database), and timeouts so an unreachable database answers 503 instead of
 * holding requests.
 */
export function typeOrmOptions(database: Configuration['database']): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: database.url,
    autoLoadEntities: true,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    logging: false,
    // Keep retrying in the background is the pool's job; start-up fails fast.
    retryAttempts: 3,
    retryDelay: 1000,
    extra: {
      max: database.poolSize,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS * 2,
      application_name: 'taskgate-backend',
    },
  };
}
