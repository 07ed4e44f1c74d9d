export { FixedWindowLimiters, type LimitDecision } from './fixed-window-limiters';
export { connectSharedRedis, REDIS_COMMAND_TIMEOUT_MS, type RedisOutageLog } from './shared-redis';
