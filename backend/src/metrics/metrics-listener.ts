import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { listenForMetrics, type MetricsAddress, type MetricsEndpoint } from '@taskgate/metrics';
import { Configuration } from '../config/configuration';
import { MetricsService } from './metrics.service';

/**
 * `GET /metrics` on BACKEND_METRICS_HOST:BACKEND_METRICS_PORT, a listener of
 * its own beside the API's. It starts with the application (before the API
 * listens: an address in use stops start-up with one line) and stops with it.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly address: MetricsAddress;
  private endpoint?: MetricsEndpoint;

  constructor(
    @Inject(ConfigService) config: ConfigService<Configuration, true>,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    const address = config.get('app', { infer: true }).metrics;
    if (!address) throw new Error('MetricsListener needs BACKEND_METRICS_PORT');
    this.address = address;
  }

  /** The port it listens on (the system's choice when BACKEND_METRICS_PORT is 0); undefined until started. */
  get port(): number | undefined {
    return this.endpoint?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.endpoint = await listenForMetrics(this.metrics.registry, this.address, 'BACKEND_METRICS_PORT');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.endpoint?.close();
  }
}
