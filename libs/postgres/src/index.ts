export { boundedWaitOptions, DATABASE_WAIT_LIMITS } from './bounded-waits';
export { KEPT_CONNECTIONS } from './kept-connections';
export { isDatabaseUnavailable } from './is-database-unavailable';
