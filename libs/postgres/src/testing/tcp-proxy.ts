import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder on 127.0.0.1 to PostgreSQL, for the faults a network or a
 * database can throw at a server. Its port never changes, so the server under
 * test keeps its URL through every fault:
 * - `cut()`: every connection is destroyed and new ones are closed at once
 *   (a crashed or restarting database);
 * - `freeze()`: connections stay open but no byte moves either way, and new
 *   ones are accepted and never answered (a network partition: the case that
 *   hangs a client without timeouts);
 * - `delayMs`: every chunk from the database is held back that long;
 * - `restore()`: forwarding again; frozen connections are dropped, as a
 *   partition's peers eventually find out.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private state: 'forwarding' | 'cut' | 'frozen' = 'forwarding';
  private readonly server: Server;
  port = 0;
  delayMs = 0;
  /** Connections accepted so far. */
  accepted = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  /** A proxy for the server of a postgres:// URL. */
  static async forUrl(url: string): Promise<TcpProxy> {
    const parsed = new URL(url);
    const proxy = new TcpProxy({ host: parsed.hostname, port: Number(parsed.port || 5432) });
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy.port = (proxy.server.address() as AddressInfo).port;
    return proxy;
  }

  /** `url` (a postgres:// URL) rewritten to go through the proxy. */
  urlFor(url: string): string {
    const rewritten = new URL(url);
    rewritten.hostname = '127.0.0.1';
    rewritten.port = String(this.port);
    return rewritten.toString();
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    this.track(client);
    if (this.state === 'cut') return void client.destroy();
    if (this.state === 'frozen') return;
    const upstream = createConnection(this.target);
    this.track(upstream);
    client.on('data', (chunk) => this.state === 'forwarding' && upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (this.state !== 'forwarding') return;
      if (this.delayMs > 0) setTimeout(() => client.writable && client.write(chunk), this.delayMs);
      else client.write(chunk);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    // A cut connection errors on both ends; that is the point, not a failure.
    socket.on('error', () => undefined);
  }

  private dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** The database goes away: open connections are destroyed, new ones closed at once. */
  async cut(): Promise<void> {
    this.state = 'cut';
    this.dropAll();
  }

  /** The network freezes: nothing moves, nothing closes. */
  async freeze(): Promise<void> {
    this.state = 'frozen';
  }

  /** The database is back. */
  async restore(): Promise<void> {
    if (this.state === 'frozen') this.dropAll();
    this.state = 'forwarding';
  }

  async close(): Promise<void> {
    this.dropAll();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
