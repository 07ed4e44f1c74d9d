import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JsonBodyReader } from '../http/json-body.reader';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { LabelsController } from './labels.controller';
import { LabelsRepository } from './labels.repository';
import { TaskEntity } from './task.entity';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity, IdempotencyKeyEntity])],
  controllers: [TasksController, LabelsController],
  providers: [TasksService, TasksRepository, LabelsRepository, IdempotencyKeysRepository, JsonBodyReader],
})
export class TasksModule {}
