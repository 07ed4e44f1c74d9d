import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { RevocationFeed } from '../auth/revocation-feed';
import { ApiProblemResponses } from '../http/api-problem-responses.decorator';

/** Probes for orchestrators: no token (see public-routes.ts), no rate limit. */
@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly revocations: RevocationFeed,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is running' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'The database answers and the revocation feed is heard (tokens can be vouched for)' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up' }, revocations: { status: 'up' } } } } })
  @ApiProblemResponses(503)
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => {
        const indicator = this.indicators.check('revocations');
        return this.revocations.vouches() ? indicator.up() : indicator.down();
      },
    ]);
  }
}
