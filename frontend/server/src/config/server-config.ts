import {
  type Environment,
  EnvironmentError,
  EnvironmentReader,
  type LogLevel,
  parseUrl,
  readSharedEnvironment,
} from '@taskgate/server-environment';

/**
 * Everything the frontend server reads from the environment, validated once.
 * The variables the backend reads too come from `@taskgate/server-environment`,
 * so the two cannot drift.
 */
export interface ServerConfig {
  port: number;
  /** Origin-qualified URL of the tasks API; the browser reads it from /app-config.json. */
  apiUrl: string;
  databaseUrl: string;
  authSecret: string;
  /** Public URL of this server; Better Auth's baseURL and its trusted origin. */
  authUrl: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** `JWT_EXPIRES_IN`, in seconds. */
  tokenLifetimeSeconds: number;
  /**
   * Extra origins allowed to call Better Auth with cookies: `TRUSTED_ORIGINS`,
   * and in development the other loopback spellings of the app's own origin.
   */
  trustedOrigins: string[];
  /**
   * Addresses of reverse proxies whose X-Forwarded-For we believe. Empty means
   * the socket address is the client address.
   */
  trustedProxies: string[];
  logLevel: LogLevel;
  production: boolean;
  /** Redis for rate limits shared by every replica (Better Auth's and the per-account sign-in limit). */
  redisUrl?: string;
  /**
   * Where `GET /metrics` (Prometheus) listens, never the app's port:
   * `FRONTEND_METRICS_PORT` (0: any free port) and `FRONTEND_METRICS_HOST`
   * (default 127.0.0.1). Undefined when the port is unset: metrics off.
   */
  metrics?: { port: number; host: string };
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** An http URL whose host is not this machine (browsers treat localhost as secure already). */
function isPlainHttpElsewhere(value: string): boolean {
  const { protocol, hostname } = new URL(value);
  return protocol === 'http:' && !LOOPBACK_HOSTS.includes(hostname);
}

/**
 * `http://localhost:4200` is also `http://127.0.0.1:4200` and
 * `http://[::1]:4200` to a person following a printed link: the same app,
 * whichever spelling opened it. Only for a loopback URL.
 */
function loopbackSpellings(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [];
  return LOOPBACK_HOSTS.filter((host) => host !== url.hostname).map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

export function loadServerConfig(env: Environment = process.env): ServerConfig {
  const shared = readSharedEnvironment(env);
  const read = new EnvironmentReader(env);

  if (shared.production && isPlainHttpElsewhere(shared.appUrl) && !read.flag('ALLOW_INSECURE_HTTP')) {
    throw new EnvironmentError(
      'BETTER_AUTH_URL must be https in production (session cookies would travel unencrypted); ' +
        'set ALLOW_INSECURE_HTTP=true only if a proxy in front serves it over https',
    );
  }

  const trustedOrigins = read.list('TRUSTED_ORIGINS').map((origin) => parseUrl(origin, ['http', 'https']));
  if (trustedOrigins.includes(undefined)) throw new EnvironmentError('TRUSTED_ORIGINS must list http(s) URLs, comma-separated');

  const port = read.port('FRONTEND_PORT', 4200);
  const metricsPort = read.optionalPort('FRONTEND_METRICS_PORT');
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new EnvironmentError('FRONTEND_METRICS_PORT must differ from FRONTEND_PORT: metrics are never served on the app port');
  }

  return {
    port,
    apiUrl: read.url('API_URL', ['http', 'https'], 'must be an http(s) URL such as http://localhost:3000') ?? 'http://localhost:3000',
    databaseUrl: shared.databaseUrl,
    authSecret: shared.authSecret,
    authUrl: shared.appUrl,
    jwtIssuer: shared.tokenIssuer,
    jwtAudience: shared.tokenAudience,
    tokenLifetimeSeconds: shared.tokenLifetimeSeconds,
    trustedOrigins: [...(trustedOrigins as string[]), ...(shared.production ? [] : loopbackSpellings(shared.appUrl))],
    trustedProxies: read.list('TRUSTED_PROXIES'),
    logLevel: shared.logLevel,
    production: shared.production,
    redisUrl: shared.redisUrl,
    metrics: metricsPort === undefined ? undefined : { port: metricsPort, host: read.text('FRONTEND_METRICS_HOST') ?? '127.0.0.1' },
  };
}
