import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Where the metrics listener listens. */
export interface MetricsAddress {
  /** 0: any free port (the tests). */
  port: number;
  host: string;
}

/** A running metrics listener. */
export interface MetricsEndpoint {
  /** The port it listens on: the system's choice when asked for 0. */
  readonly port: number;
  /** Stops listening and ends the connections still open (a scraper keeps one alive). */
  close(): Promise<void>;
}

/** A scrape is one small request: it has this long to arrive. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Serves `GET /metrics` from `registry` (Prometheus text format) on a
 * listener of its own, never the server's public port: what the metrics
 * tell (routes, statuses, pool use) is for operators, and the public port
 * answers `/metrics` like any unknown path. Every other path is a 404.
 *
 * Resolves once listening. When the address cannot be had (already in use,
 * no such interface) it rejects with one line naming `variable`, the setting
 * to change, so the server stops at start-up like on any configuration error.
 */
export function listenForMetrics(registry: Registry, { port, host }: MetricsAddress, variable: string): Promise<MetricsEndpoint> {
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS }, (request, response) => {
    if (request.url?.split('?')[0] !== '/metrics') return answer(response, 404, 'Not found: metrics are at /metrics.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return answer(response, 405, 'Method not allowed: GET /metrics.\n');
    }
    registry.metrics().then(
      (body) => answer(response, 200, body, registry.contentType),
      () => answer(response, 500, 'The metrics could not be collected.\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.on('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(`${variable}: cannot listen for metrics on ${host}:${port} (${error.code ?? error.message})`));
    });
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function answer(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}
