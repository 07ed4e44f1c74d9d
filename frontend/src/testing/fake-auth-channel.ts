import type { AuthBroadcast, AuthChannel } from '../app/auth/auth-channel';

/**
 * Stands in for BroadcastChannel('taskgate-auth'): each `open()` is one tab.
 * Like the real one, a message reaches every other tab, later, and never the
 * tab that sent it.
 */
export class FakeAuthChannelBus {
  private readonly tabs = new Set<FakeChannel>();
  readonly sent: AuthBroadcast[] = [];

  open(): AuthChannel {
    const channel = new FakeChannel(this);
    this.tabs.add(channel);
    return channel;
  }

  deliver(from: FakeChannel, message: AuthBroadcast): void {
    this.sent.push(message);
    for (const tab of this.tabs) {
      if (tab !== from) setTimeout(() => tab.receive(message), 0);
    }
  }

  close(channel: FakeChannel): void {
    this.tabs.delete(channel);
  }
}

class FakeChannel implements AuthChannel {
  private handler: ((message: AuthBroadcast) => void) | null = null;

  constructor(private readonly bus: FakeAuthChannelBus) {}

  post(message: AuthBroadcast): void {
    // Structured clone, as the real channel does.
    this.bus.deliver(this, JSON.parse(JSON.stringify(message)));
  }

  listen(handler: (message: AuthBroadcast) => void): void {
    this.handler = handler;
  }

  receive(message: AuthBroadcast): void {
    this.handler?.(message);
  }

  close(): void {
    this.bus.close(this);
  }
}
