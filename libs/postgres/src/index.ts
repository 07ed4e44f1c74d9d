export { isDatabaseUnavailable } from './is-database-unavailable';
