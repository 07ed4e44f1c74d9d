export { type Environment, EnvironmentError, EnvironmentReader, parseUrl } from './environment-reader';
export {
  DEFAULT_APP_URL,
  LOG_LEVELS,
  type LogLevel,
  POSTGRES_PROTOCOLS,
  readSharedEnvironment,
  type SharedEnvironment,
} from './shared-environment';
