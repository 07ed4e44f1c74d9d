import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MetricsListener } from './metrics-listener';
import { MetricsService } from './metrics.service';

/** Prometheus metrics on a listener of their own; imported only when BACKEND_METRICS_PORT is set. */
@Module({
  imports: [AuthModule],
  providers: [MetricsService, MetricsListener],
  exports: [MetricsService, MetricsListener],
})
export class MetricsModule {}
