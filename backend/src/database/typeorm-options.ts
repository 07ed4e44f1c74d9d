import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { boundedWaitOptions, KEPT_CONNECTIONS } from '@taskgate/postgres';
import { Configuration } from '../config/configuration';
import { ISO_SESSION_OPTIONS } from './iso-values';
import { CreateTasks1763800000000 } from './migrations/1763800000000-create-tasks';
import { ListsAtScale1764900000000 } from './migrations/1764900000000-lists-at-scale';
import { TaskLabelsRecurrenceReminders1765000000000 } from './migrations/1765000000000-task-labels-recurrence-reminders';
import { SearchByOwner1765100000000 } from './migrations/1765100000000-search-by-owner';
import { LabelCountsSkipUnlabelled1765200000000 } from './migrations/1765200000000-label-counts-skip-unlabelled';
import { SearchCountsFromAnIndex1765300000000 } from './migrations/1765300000000-search-counts-from-an-index';

/** Every migration, in order. Listed, not globbed: the backend is one bundled file. */
export const MIGRATIONS = [
  CreateTasks1763800000000,
  ListsAtScale1764900000000,
  TaskLabelsRecurrenceReminders1765000000000,
  SearchByOwner1765100000000,
  LabelCountsSkipUnlabelled1765200000000,
  SearchCountsFromAnIndex1765300000000,
];

/**
 * TypeORM on PostgreSQL: migrations applied at start-up by migrate.ts (never `synchronize`),
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
    // Migrations run before this pool exists, without its bounded waits (migrate.ts).
    migrationsRun: false,
    logging: false,
    // Keep retrying in the background is the pool's job; start-up fails fast.
    retryAttempts: 3,
    retryDelay: 1000,
    extra: {
      max: database.poolSize,
      // Connections stay open once made (libs/postgres, kept-connections.ts).
      ...KEPT_CONNECTIONS,
      // Every wait on PostgreSQL bounded (libs/postgres, bounded-waits.ts).
      ...boundedWaitOptions(),
      idle_in_transaction_session_timeout: 10_000,
      // No parallel query for the API's statements: many small requests at
      // once, where workers only take cores from the other requests. With
      // workers, a search for a word in all of 100,000 tasks went to a
      // parallel scan of the whole table, 107 ms; without them it reads the
      // user's rows, 30 ms (bench/README.md, "Data scale").
      // Timestamps in UTC and ISO text, which the API's statements read
      // straight into its strings (iso-values.ts).
      options: `-c max_parallel_workers_per_gather=0 ${ISO_SESSION_OPTIONS}`,
      application_name: 'taskgate-backend',
    },
  };
}
