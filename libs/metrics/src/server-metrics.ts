import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The route label of a request that matched no route. Never the raw path:
 * ids in paths would make a series of each.
 */
export const UNMATCHED_ROUTE = 'unmatched';

/** Seconds: from a remembered token (well under 1 ms) to a password hash or a bounded database wait. */
const REQUEST_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The connection counts a pg `Pool` keeps. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

type RequestLabel = 'method' | 'route' | 'status';

/**
 * What both servers measure, under the same names, labels and buckets so one
 * dashboard reads either: requests by route template and status, their
 * duration, rate-limit rejections by limiter, the database pool, and
 * prom-client's default process metrics. Each instance has a registry of its
 * own, never prom-client's global one, so servers built side by side in one
 * process (the tests) never share a count.
 */
export class ServerMetrics<Limiter extends string = string> {
  readonly registry = new Registry();
  private readonly requests: Counter<RequestLabel>;
  private readonly durations: Histogram<RequestLabel>;
  private readonly rejections: Counter<'limiter'>;

  /** `limiters`: every limiter that may reject, counted from 0 so a rate over them exists from the start. */
  constructor(limiters: readonly Limiter[]) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const labelNames: RequestLabel[] = ['method', 'route', 'status'];
    this.requests = new Counter({
      name: 'http_requests_total',
      help: `Requests answered, by method, route template (${UNMATCHED_ROUTE}: none matched) and status.`,
      labelNames,
      registers,
    });
    this.durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: `Time from a request's arrival to its answer, by method, route template (${UNMATCHED_ROUTE}: none matched) and status.`,
      labelNames,
      buckets: REQUEST_SECONDS_BUCKETS,
      registers,
    });
    this.rejections = new Counter({
      name: 'taskgate_rate_limit_rejections_total',
      help: 'Requests refused 429 by a rate limit, by limiter.',
      labelNames: ['limiter'],
      registers,
    });
    for (const limiter of limiters) this.rejections.inc({ limiter }, 0);
  }

  /**
   * One answered request. `route` is the route's template (such as
   * `/api/:user_id/tasks/:id`) or {@link UNMATCHED_ROUTE}. One label object,
   * shared by both metrics: this runs once per request.
   */
  requestCompleted(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  /** A request refused 429 by `limiter`. */
  rateLimited(limiter: Limiter): void {
    this.rejections.inc({ limiter });
  }

  /** Reports `pool`'s connections (total, idle, and requests waiting for one), read at each scrape. */
  watchPool(pool: PoolCounts): void {
    new Gauge({
      name: 'taskgate_db_pool_connections',
      help: 'PostgreSQL pool: connections open (total), of those idle (idle), and requests waiting for one (waiting).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
}
