import { Inject, Injectable } from '@nestjs/common';
import { ServerMetrics, UNMATCHED_ROUTE } from '@taskgate/metrics';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { RevocationFeed } from '../auth/revocation-feed';
import { API_PREFIX } from '../configure-app';

/** The one limiter of the backend: the per-user budget of every route (UserThrottlerGuard). */
const API_LIMITER = 'api';
/** The route of NotFoundController, which every unknown path under /api matches. */
const NOT_FOUND_ROUTE = `/${API_PREFIX}/*`;
/** Seconds from a revocation to its notification: a few milliseconds, unless a transaction or the network held it. */
const FEED_LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The backend's metrics (served by MetricsListener when BACKEND_METRICS_PORT
 * is set): those both servers have (@taskgate/metrics) on TypeORM's pool,
 * and the revocation feed's, which only the backend hears.
 */
@Injectable()
export class MetricsService {
  private readonly metrics = new ServerMetrics([API_LIMITER]);
  readonly registry = this.metrics.registry;

  constructor(@Inject(DataSource) dataSource: DataSource, @Inject(RevocationFeed) feed: RevocationFeed) {
    this.metrics.watchPool((dataSource.driver as PostgresDriver).master);
    watchRevocationFeed(this.metrics, feed);
  }

  /**
   * One answered request, from the two places requests end (the request log
   * and the forged-token gate). `routeUrl` is Fastify's route template,
   * undefined for a request answered before routing or matched by none.
   */
  requestCompleted(method: string, routeUrl: string | undefined, status: number, milliseconds: number): void {
    const route = routeUrl === undefined || routeUrl === NOT_FOUND_ROUTE ? UNMATCHED_ROUTE : routeUrl;
    this.metrics.requestCompleted(method, route, status, milliseconds / 1000);
    // UserThrottlerGuard is the only source of a 429 in the backend.
    if (status === 429) this.metrics.rateLimited(API_LIMITER);
  }
}

/**
 * How long the feed has been silent (above FEED_SILENCE_LIMIT_MS the API
 * answers 503 to tokens it cannot vouch for), and how late notifications
 * arrive. The lag compares PostgreSQL's clock (`revoked_at`, the deleting
 * transaction's start) with this server's, so a skew between the two adds
 * to it; below 0 counts as 0.
 */
function watchRevocationFeed(metrics: ServerMetrics, feed: RevocationFeed): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'taskgate_revocation_feed_seconds_since_heard',
    help: 'Seconds since the revocation feed last proved it hears (+Inf before its first catch-up); past 5 the API answers 503 to tokens.',
    registers,
    collect() {
      const heardAt = feed.lastHeardAt();
      this.set(heardAt === 0 ? Infinity : (Date.now() - heardAt) / 1000);
    },
  });
  const lag = new Histogram({
    name: 'taskgate_revocation_feed_lag_seconds',
    help: "From a revocation's revoked_at (PostgreSQL's clock) to this backend receiving its notification.",
    buckets: FEED_LAG_BUCKETS,
    registers,
  });
  feed.onNotified((record) => lag.observe(Math.max(0, (Date.now() - record.revokedAt.getTime()) / 1000)));
}
