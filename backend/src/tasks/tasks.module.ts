import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JsonBodyReader } from '../http/json-body.reader';
import { BatchedTaskWrites } from './batched-task-writes';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { LabelsController } from './labels.controller';
import { LabelsRepository } from './labels.repository';
import { TaskReportsController } from './reports/task-reports.controller';
import { TaskReportsRepository } from './reports/task-reports.repository';
import { TaskReportsService } from './reports/task-reports.service';
import { TaskEntity } from './task.entity';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity, IdempotencyKeyEntity])],
  controllers: [TasksController, LabelsController, TaskReportsController],
  providers: [
    TasksService,
    TasksRepository,
    BatchedTaskWrites,
    LabelsRepository,
    IdempotencyKeysRepository,
    JsonBodyReader,
    TaskReportsService,
    TaskReportsRepository,
  ],
})
export class TasksModule {}
