import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from 'better-auth/api';
import { deleteSessionCookie } from 'better-auth/cookies';

/**
 * What Better Auth lacks for a sessions list that never shows session tokens
 * (API.md, "Sessions and revocation"): ending one session by its id.
 *
 * `POST /api/auth/revoke-session-by-id` `{ "id" }` → `{ "status": true }`;
 * 404 when the signed-in user has no session with that id. It runs behind
 * Better Auth's own session, Origin and rate-limit checks, like
 * `/revoke-session`, and deletes through the internal adapter, so the
 * revocation feed's trigger records the end of that session.
 */
export function sessionsById(): BetterAuthPlugin {
  return {
    id: 'taskgate-sessions-by-id',
    endpoints: {
      revokeSessionById: createAuthEndpoint(
        '/revoke-session-by-id',
        { method: 'POST', use: [sensitiveSessionMiddleware], requireHeaders: true },
        async (ctx) => {
          const id = (ctx.body as { id?: unknown } | undefined)?.id;
          if (typeof id !== 'string' || id === '' || id.length > 255) {
            throw new APIError('BAD_REQUEST', { code: 'INVALID_SESSION_ID', message: 'id must be a session id.' });
          }
          const user = ctx.context.session.user;
          const sessions = await ctx.context.internalAdapter.listSessions(user.id);
          const target = sessions.find((session) => session.id === id);
          if (!target) throw new APIError('NOT_FOUND', { code: 'SESSION_NOT_FOUND', message: 'No such session.' });
          await ctx.context.internalAdapter.deleteSession(target.token);
          if (target.id === ctx.context.session.session.id) deleteSessionCookie(ctx);
          return ctx.json({ status: true });
        },
      ),
    },
  };
}
