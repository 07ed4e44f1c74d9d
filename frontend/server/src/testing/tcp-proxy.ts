import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * How the proxy treats connections while the database is "lost":
 * - `refuse`: every socket is destroyed at once (a crashed or restarting server);
 * - `stall`: connections are accepted and never answered (a dropped network path,
 *   the case that hangs a client without a connect timeout).
 */
export type OutageMode = 'refuse' | 'stall';

export interface TcpProxy {
  /** `host:port` of the proxy, on 127.0.0.1. */
  readonly port: number;
  /** Rewrites a postgres:// URL so it goes through the proxy. */
  urlFor(target: string): string;
  /** Drops every open connection and treats new ones per `mode` until restore(). */
  cut(mode?: OutageMode): void;
  /** Forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP forwarder on 127.0.0.1:0 to `targetHost:targetPort` that a test can
 * cut and restore, to see how the server behaves when its database goes away.
 * The listening port never changes, so the server under test keeps its URL.
 */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let outage: OutageMode | null = null;

  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    // A cut connection errors on both ends; that is the point, not a test failure.
    socket.on('error', () => undefined);
  };

  const server = createServer((client) => {
    track(client);
    if (outage === 'refuse') {
      client.destroy();
      return;
    }
    if (outage === 'stall') return;
    const upstream = createConnection({ host: targetHost, port: targetPort });
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  return {
    port,
    urlFor(target) {
      const url = new URL(target);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut(mode = 'refuse') {
      outage = mode;
      dropAll();
    },
    restore() {
      outage = null;
      // Stalled sockets would otherwise wait forever; their clients retry.
      dropAll();
    },
    close() {
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
