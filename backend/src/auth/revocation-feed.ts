import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { API_TOKEN_CLOCK_TOLERANCE_SECONDS } from '@taskgate/api-contract';
import {
  installRevocationFeed,
  parseRevocationRecord,
  PRUNE_REVOCATIONS_SQL,
  REVOCATION_FEED,
  revocationRetentionMs,
  RevocationRecord,
  REVOCATIONS_SINCE_SQL,
} from '@taskgate/revocation-feed';
import { Client } from 'pg';
import { Configuration } from '../config/configuration';

/** API.md: a backend that cannot hear the feed for longer than this answers 503. */
export const FEED_SILENCE_LIMIT_MS = 5_000;
/** How often the listening connection is asked to prove it still hears. */
const HEARTBEAT_MS = 1_000;
/** The longest wait for PostgreSQL on the listening connection (connect or query). */
const DATABASE_WAIT_MS = 2_000;
/**
 * Attempts to connect start at most this often (a refusing server is asked
 * ten times a second, no more). An attempt that failed after waiting longer
 * (a connect or heartbeat timed out on a frozen path) is followed by the next
 * at once: the path may be back, and every moment the feed stays unheard past
 * FEED_SILENCE_LIMIT_MS is a moment of 503s.
 */
const RECONNECT_INTERVAL_MS = 100;
/** How often old records are dropped from memory and from the table. */
const PRUNE_EVERY_MS = 60_000;
/** How long start-up waits for the first catch-up before serving (it keeps trying afterwards). */
const FIRST_CATCH_UP_WAIT_MS = 10_000;

/**
 * The revocation feed as this backend hears it (API.md, "Sessions and
 * revocation"): the sessions that ended and the accounts that were deleted,
 * held in memory so that no request reads the database to learn them.
 *
 * One dedicated connection LISTENs on the channel; after every (re)connect it
 * reads the table since the oldest record that still matters, so nothing
 * notified while it was away is missed (records are idempotent, so hearing
 * one twice is harmless). A heartbeat proves every second that the
 * connection still answers; a connection that fails or stalls is dropped and
 * made anew. {@link vouches} tells the verifier whether what is held here is
 * recent enough to honour tokens by.
 */
@Injectable()
export class RevocationFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RevocationFeed');
  /** Ended sessions and deleted accounts, each with when it happened (ms). */
  private readonly sessions = new Map<string, number>();
  private readonly users = new Map<string, number>();
  private readonly retentionMs: number;
  private readonly url: string;
  /** When the connection last proved it hears (0: never caught up). */
  private heardAt = 0;
  private client: Client | null = null;
  private stopped = false;
  private lastPrune = 0;
  private readonly accountDeletedListeners: (() => void)[] = [];
  private readonly notifiedListeners: ((record: RevocationRecord) => void)[] = [];
  private firstCatchUp!: () => void;
  private readonly caughtUpOnce = new Promise<void>((resolve) => (this.firstCatchUp = resolve));

  constructor(@Inject(ConfigService) config: ConfigService<Configuration, true>) {
    this.url = config.get('database', { infer: true }).listenUrl;
    this.retentionMs = revocationRetentionMs(
      config.get('auth', { infer: true }).tokenLifetimeSeconds,
      API_TOKEN_CLOCK_TOLERANCE_SECONDS,
    );
  }

  /** True when the token's session has ended or its account is gone. */
  isRevoked(sessionId: string, userId: string): boolean {
    return this.sessions.has(sessionId) || this.users.has(userId);
  }

  /** True while this backend has heard the feed within {@link FEED_SILENCE_LIMIT_MS}. */
  vouches(): boolean {
    return this.heardAt !== 0 && Date.now() - this.heardAt <= FEED_SILENCE_LIMIT_MS;
  }

  /** When the feed last proved it hears (epoch ms); 0 until the first catch-up. */
  lastHeardAt(): number {
    return this.heardAt;
  }

  /** Called with each record as its notification arrives (not for those read by a catch-up). */
  onNotified(listener: (record: RevocationRecord) => void): void {
    this.notifiedListeners.push(listener);
  }

  /** Called when an account was deleted, and after every catch-up (queued deletions may wait). */
  onAccountDeleted(listener: () => void): void {
    this.accountDeletedListeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    void this.listenUntilStopped();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, FIRST_CATCH_UP_WAIT_MS).unref());
    await Promise.race([this.caughtUpOnce, timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.drop(this.client, { politely: true });
  }

  private async listenUntilStopped(): Promise<void> {
    // Attempts failed in a row: the first failure is logged, then the return, not each attempt between.
    let failures = 0;
    while (!this.stopped) {
      const attemptStarted = Date.now();
      const client = new Client({
        connectionString: this.url,
        connectionTimeoutMillis: DATABASE_WAIT_MS,
        query_timeout: DATABASE_WAIT_MS,
        keepAlive: true,
        application_name: 'taskgate-revocation-feed',
      });
      try {
        await this.listenOn(client, () => {
          if (failures > 0) this.logger.log(`revocation feed heard again after ${failures} failed attempt(s)`);
          failures = 0;
        });
      } catch (error) {
        if (!this.stopped && failures++ === 0) this.logger.warn(`revocation feed unheard, reconnecting: ${(error as Error).message}`);
      }
      // listenOn returns only once stopped; otherwise the connection failed, and a goodbye would only wait.
      await this.drop(client, { politely: this.stopped });
      const pause = RECONNECT_INTERVAL_MS - (Date.now() - attemptStarted);
      if (!this.stopped && pause > 0) await delay(pause);
    }
  }

  /** Connects, listens, catches up (then calls `caughtUp`), and beats until the connection fails (throws) or we stop. */
  private async listenOn(client: Client, caughtUp: () => void): Promise<void> {
    let failed: (error: Error) => void = () => undefined;
    const broken = new Promise<never>((_resolve, reject) => (failed = reject));
    broken.catch(() => undefined);
    client.on('error', (error) => failed(error));
    client.on('end', () => failed(new Error('connection ended')));
    client.on('notification', (message) => {
      const record = message.payload === undefined ? null : parseRevocationRecord(message.payload);
      if (!record) return;
      this.hear([record]);
      this.notifiedListeners.forEach((listener) => listener(record));
    });
    this.client = client;
    await client.connect();
    await installRevocationFeed(client, { triggers: false });
    await client.query(`LISTEN ${REVOCATION_FEED.channel}`);
    await this.catchUp(client);
    caughtUp();
    this.firstCatchUp();
    while (!this.stopped) {
      await Promise.race([delay(HEARTBEAT_MS), broken]);
      if (this.stopped) return;
      await Promise.race([client.query('SELECT 1'), broken]);
      this.heardAt = Date.now();
      if (Date.now() - this.lastPrune >= PRUNE_EVERY_MS) await this.prune(client);
    }
  }

  private async catchUp(client: Client): Promise<void> {
    const since = new Date(Date.now() - this.retentionMs);
    const { rows } = await client.query<RevocationRecord>(REVOCATIONS_SINCE_SQL, [since]);
    this.hear(rows);
    this.heardAt = Date.now();
    this.accountDeletedListeners.forEach((listener) => listener());
  }

  private hear(records: readonly RevocationRecord[]): void {
    let accountDeleted = false;
    for (const record of records) {
      const at = new Date(record.revokedAt).getTime();
      if (record.kind === 'session') this.sessions.set(record.id, at);
      else {
        this.users.set(record.id, at);
        accountDeleted = true;
      }
    }
    if (accountDeleted && this.heardAt !== 0) this.accountDeletedListeners.forEach((listener) => listener());
  }

  /** Forgets what no valid token can match any more, here and in the table. */
  private async prune(client: Client): Promise<void> {
    this.lastPrune = Date.now();
    const oldest = Date.now() - this.retentionMs;
    for (const held of [this.sessions, this.users]) {
      for (const [id, at] of held) if (at < oldest) held.delete(id);
    }
    await client.query(PRUNE_REVOCATIONS_SQL, [new Date(oldest)]);
  }

  /**
   * Ends a connection. A polite goodbye waits at most 200 ms on a server that
   * may have stopped answering (a frozen network would hold it forever); a
   * failed connection is closed at once.
   */
  private async drop(client: Client | null, { politely }: { politely: boolean }): Promise<void> {
    if (!client) return;
    if (this.client === client) this.client = null;
    client.removeAllListeners('notification');
    if (politely) await Promise.race([client.end().catch(() => undefined), delay(200)]);
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
