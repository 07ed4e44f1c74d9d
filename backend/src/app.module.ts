import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { UserOwnershipGuard } from './auth/user-ownership.guard';
import { Configuration } from './config/configuration';
import { typeOrmOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { FixedWindowThrottlerStorage } from './http/fixed-window-throttler.storage';
import { RedisThrottlerStorage } from './http/redis-throttler.storage';
import { NotFoundController } from './http/not-found.controller';
import { UserThrottlerGuard } from './http/user-throttler.guard';
import { TasksModule } from './tasks/tasks.module';

const MINUTE_MS = 60_000;

/** The whole backend, built from a validated {@link Configuration}. */
@Module({})
export class AppModule {
  static forRoot(config: Configuration): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        TypeOrmModule.forRoot(typeOrmOptions(config.database)),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: MINUTE_MS, limit: config.app.rateLimitPerMinute }],
          skipIf: () => config.app.rateLimitPerMinute === 0,
          // Shared by every replica with REDIS_URL, else counted in this process.
          storage: config.app.redisUrl ? new RedisThrottlerStorage(config.app.redisUrl) : new FixedWindowThrottlerStorage(),
        }),
        AuthModule,
        AccountsModule,
        HealthModule,
        TasksModule,
        ...(config.app.metrics ? [MetricsModule] : []),
      ],
      // Registered last so its catch-all path never shadows a real route.
      controllers: [NotFoundController],
      // Global guards run in this order, which is API.md's: 401, then 403, then 429.
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: UserOwnershipGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
      ],
    };
  }
}
