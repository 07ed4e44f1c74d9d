import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { jwt } from 'better-auth/plugins';
import type { Pool } from 'pg';
import type { Logger } from '../logger';
import { deriveApiTokenKey, signApiToken } from './api-token-signer';

export interface AuthOptions {
  pool: Pool;
  secret: string;
  /** Public URL of the frontend server (Better Auth's baseURL). */
  baseUrl: string;
  trustedOrigins: string[];
  trustedProxies: string[];
  jwtIssuer: string;
  jwtAudience: string;
  jwtExpiresIn: string;
  /** Better Auth's own messages go here (message text only, never its extra arguments). */
  logger?: Logger;
}

/**
 * The one Better Auth instance the server mounts at /api/auth; tests build it
 * the same way and drive it in process.
 */
export function createAuth(options: AuthOptions) {
  const apiTokenKey = deriveApiTokenKey(options.secret);
  return betterAuth({
    baseURL: options.baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    database: options.pool,
    emailAndPassword: { enabled: true },
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
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
    rateLimit: { enabled: true, storage: 'memory' },
    session: {
      // A cached session would keep /token working after sign-out.
      cookieCache: { enabled: false },
    },
    advanced: {
      // Under NODE_ENV=test Better Auth skips the Origin check; keep it on so
      // tests see what production does.
      disableOriginCheck: false,
      ipAddress: {
        ipAddressHeaders: ['x-forwarded-for'],
        trustedProxies: options.trustedProxies,
      },
    },
    plugins: [
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
          expirationTime: options.jwtExpiresIn,
          // Replaces the default (the whole user row); sub is added by the plugin.
          definePayload: ({ user }) => ({ email: user.email, name: user.name }),
          // The plugin has already filled sub, iat, exp, iss and aud.
          sign: async (payload) => {
            const { sub, iss, aud, iat, exp, email, name } = payload as Record<string, unknown>;
            return signApiToken({ sub, iss, aud, iat, exp, email, name }, apiTokenKey);
          },
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Creates or updates Better Auth's tables; idempotent. */
export async function migrateAuth(auth: Auth): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}
