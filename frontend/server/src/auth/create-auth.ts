import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Redis } from 'ioredis';
import { getMigrations } from 'better-auth/db/migration';
import { jwt } from 'better-auth/plugins';
import type { Pool } from 'pg';
import { installRevocationFeed } from '@taskgate/revocation-feed';
import type { Logger } from '../logger';
import { checkEmailLength, normalizedName } from './account-fields';
import { deriveApiTokenKey, signApiToken } from '@taskgate/api-token';
import { refuseCommonPassword } from './common-passwords';
import { redisRateLimitStorage } from './redis-rate-limit-storage';
import { refuseUnsafeRedirects } from './safe-redirect';
import { sessionsById } from './sessions-by-id.plugin';
import { SignInThrottle } from './sign-in-throttle';

/**
 * Better Auth routes that need a mailer or a social provider, neither of
 * which Taskgate has: switched off (404) rather than left reachable, so
 * their redirects and tokens are no attack surface.
 */
export const DISABLED_AUTH_PATHS = [
  '/verify-email',
  '/send-verification-email',
  '/request-password-reset',
  '/reset-password',
  '/reset-password/:token',
  '/change-email',
  '/delete-user/callback',
  '/sign-in/social',
  '/link-social',
  '/callback/:id',
];

export interface AuthOptions {
  pool: Pool;
  secret: string;
  /** Public URL of the frontend server (Better Auth's baseURL). */
  baseUrl: string;
  trustedOrigins: string[];
  trustedProxies: string[];
  jwtIssuer: string;
  jwtAudience: string;
  /** `JWT_EXPIRES_IN`, in seconds. */
  tokenLifetimeSeconds: number;
  /** Better Auth's own messages go here (message text only, never its extra arguments). */
  logger?: Logger;
  /** Shared store for every rate limit when `REDIS_URL` is set; else each process counts alone. */
  redis?: Redis;
  /** Called each time the per-account sign-in limit refuses an attempt (metrics). */
  onSignInThrottled?: () => void;
}

/**
 * The one Better Auth instance the server mounts at /api/auth; tests build it
 * the same way and drive it in process.
 */
export function createAuth(options: AuthOptions) {
  const apiTokenKey = deriveApiTokenKey(options.secret);
  const throttle = new SignInThrottle(options.redis);
  const appOrigins = [new URL(options.baseUrl).origin, ...options.trustedOrigins.map((origin) => new URL(origin).origin)];
  return betterAuth({
    baseURL: options.baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    database: options.pool,
    emailAndPassword: { enabled: true },
    // Deleting an account ends its sessions and, through the revocation
    // feed's trigger, queues its tasks for erasure by the backend.
    user: { deleteUser: { enabled: true } },
    disabledPaths: DISABLED_AUTH_PATHS,
    // Every way a user row is written: the name and email that ride in API
    // tokens are bounded here, whatever the route.
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: boundedUser(user) }) },
        update: { before: async (user) => ({ data: boundedUser(user) }) },
      },
    },
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
    // Otherwise an unexpected error (such as a lost database) becomes an
    // empty 500 plus a console.error with the stack; thrown, the app's error
    // handler answers it (503 + Retry-After when the database is unreachable).
    onAPIError: { throw: true },
    logger: {
      disabled: !options.logger,
      log: (level, message) => {
        const log = options.logger;
        if (!log) return;
        log[level](`better-auth: ${message}`);
      },
    },
    // Better Auth enables these only in production by default; a sign-in
    // limit that exists only in production is never tested.
    rateLimit: options.redis
      ? { enabled: true, storage: 'memory', customStorage: redisRateLimitStorage(options.redis) }
      : { enabled: true, storage: 'memory' },
    advanced: {
      // __Secure- cookies with Secure whenever the public URL is https,
      // behind a TLS-terminating proxy too.
      useSecureCookies: options.baseUrl.startsWith('https:'),
      // Under NODE_ENV=test Better Auth skips the Origin check; keep it on so
      // tests see what production does.
      disableOriginCheck: false,
      ipAddress: {
        ipAddressHeaders: ['x-forwarded-for'],
        trustedProxies: options.trustedProxies,
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        refuseUnsafeRedirects([ctx.query, ctx.body], appOrigins);
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        switch (ctx.path) {
          case '/sign-up/email':
            refuseCommonPassword(body['password']);
            return;
          case '/change-password':
            refuseCommonPassword(body['newPassword']);
            return;
          case '/sign-in/email': {
            if (typeof body['email'] !== 'string') return;
            const wait = await throttle.waitSeconds(body['email']);
            if (wait > 0) {
              options.onSignInThrottled?.();
              throw new APIError(
                'TOO_MANY_REQUESTS',
                { code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed sign-ins for this account. Please wait a moment.' },
                { 'Retry-After': String(wait) },
              );
            }
            return;
          }
          case '/delete-user':
            // API.md: deleting an account takes the password. Better Auth would
            // also accept a fresh session alone; a stolen cookie must not be enough.
            if (typeof body['password'] !== 'string' || body['password'] === '') {
              throw new APIError('BAD_REQUEST', { code: 'PASSWORD_REQUIRED', message: 'Enter your password to delete the account.' });
            }
        }
      }),
      // The session token lives in an HttpOnly cookie, out of reach of any
      // script; Better Auth also echoes it in sign-up, sign-in and session
      // bodies, where an injected script could read it. Nothing here uses it.
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (ctx.path === '/sign-in/email' && typeof email === 'string') {
          if (!isAPIError(returned)) await throttle.succeeded(email);
          else if (returned.statusCode === 401) await throttle.failed(email);
        }
        // /token answers the API token itself, under the same name.
        if (ctx.path === '/token') return undefined;
        const body = withoutSessionToken(ctx.context.returned);
        if (body !== ctx.context.returned) return ctx.json(body as Json);
        return undefined;
      }),
    },
    session: {
      // A cached session would keep /token working after sign-out.
      cookieCache: { enabled: false },
    },
    plugins: [
      sessionsById(),
      jwt({
        jwks: {
          // Required by the plugin before it accepts jwt.sign. Nothing is
          // published there: a symmetric key must never be in a JWKS, and the
          // plugin answers 404 on /jwks in this mode.
          remoteUrl: `${options.baseUrl}/api/auth/jwks`,
          // The TS type lists only asymmetric algorithms; HS256 is the truth.
          keyPairConfig: { alg: 'HS256' as 'EdDSA' },
        },
        jwt: {
          issuer: options.jwtIssuer,
          audience: options.jwtAudience,
          expirationTime: `${options.tokenLifetimeSeconds}s`,
          // Replaces the default (the whole user row); sub is added by the
          // plugin. sid names the session (its id, never its secret token):
          // the backend refuses the token once that session ends.
          definePayload: ({ user, session }) => ({ sid: session.id, email: user.email, name: user.name }),
          // The plugin has already filled sub, iat, exp, iss and aud.
          sign: async (payload) => {
            const { sub, sid, iss, aud, iat, exp, email, name } = payload as Record<string, unknown>;
            return signApiToken({ sub, sid, iss, aud, iat, exp, email, name }, apiTokenKey);
          },
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function boundedUser<T extends { name?: unknown; email?: unknown }>(user: T): T {
  checkEmailLength(user.email);
  return user.name === undefined ? user : { ...user, name: normalizedName(user.name) };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Response);

/**
 * The body without `token` and `session.token` (each element's, for a list of
 * sessions); the same value when there is none.
 */
export function withoutSessionToken(body: unknown): unknown {
  if (Array.isArray(body)) {
    const stripped = body.map(withoutSessionToken);
    return stripped.some((item, index) => item !== body[index]) ? stripped : body;
  }
  if (!isObject(body)) return body;
  const hasToken = 'token' in body;
  const hasSessionToken = isObject(body['session']) && 'token' in body['session'];
  if (!hasToken && !hasSessionToken) return body;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
  const { token: _token, ...rest } = body;
  if (hasSessionToken) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
    const { token: _sessionToken, ...session } = body['session'] as Json;
    rest['session'] = session;
  }
  return rest;
}

/**
 * Creates or updates Better Auth's tables, then the revocation feed's tables
 * and the triggers on Better Auth's that write it; idempotent.
 */
export async function migrateAuth(auth: Auth, pool: Pool): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  const client = await pool.connect();
  try {
    await installRevocationFeed(client, { triggers: true });
  } finally {
    client.release();
  }
}
