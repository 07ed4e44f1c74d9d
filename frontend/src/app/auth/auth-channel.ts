import { InjectionToken } from '@angular/core';

/** Why a tab's session ended; the sign-in page says so in words. */
export type SignOutReason = 'signed-out' | 'expired' | 'deleted';

/** What one tab tells the other tabs of the same browser (and origin). */
export interface AuthBroadcast {
  type: 'signed-out';
  reason: SignOutReason;
}

/** A message bus between the tabs of one browser: a BroadcastChannel, or a fake in tests. */
export interface AuthChannel {
  post(message: AuthBroadcast): void;
  /** Called for messages from other tabs only, never for this tab's own. */
  listen(handler: (message: AuthBroadcast) => void): void;
  close(): void;
}

export const AUTH_CHANNEL_NAME = 'taskgate-auth';

const REASONS: readonly SignOutReason[] = ['signed-out', 'expired', 'deleted'];

function isAuthBroadcast(data: unknown): data is AuthBroadcast {
  const message = data as Partial<AuthBroadcast> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'signed-out' &&
    REASONS.includes(message.reason as SignOutReason)
  );
}

/** The real channel, or null where BroadcastChannel does not exist. */
export function openAuthChannel(): AuthChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(AUTH_CHANNEL_NAME);
  return {
    post: (message) => channel.postMessage(message),
    listen: (handler) => {
      channel.onmessage = (event: MessageEvent) => {
        if (isAuthBroadcast(event.data)) handler(event.data);
      };
    },
    close: () => channel.close(),
  };
}

/** Null where BroadcastChannel does not exist: each tab then finds out on its next request. */
export const AUTH_CHANNEL = new InjectionToken<AuthChannel | null>('AUTH_CHANNEL', {
  providedIn: 'root',
  factory: openAuthChannel,
});
