export { boundedWaitOptions, DATABASE_WAIT_LIMITS } from './bounded-waits';
export { isDatabaseUnavailable } from './is-database-unavailable';
