import { Injectable } from '@nestjs/common';
import { Task, TaskSummary } from '@taskgate/api-contract';
import { toTaskResponse } from '../task.mapper';
import { ExportPosition, TaskReportsRepository } from './task-reports.repository';

/** Tasks read from the database at a time while exporting: what memory holds, whatever the total. */
export const EXPORT_BATCH_SIZE = 500;

@Injectable()
export class TaskReportsService {
  constructor(private readonly reports: TaskReportsRepository) {}

  /**
   * Every task of the user, newest first, read in batches as they are
   * consumed. The first batch is read before this resolves, so an unreachable
   * database is still a 503, not a 200 cut short.
   */
  async exportTasks(userId: string): Promise<AsyncIterable<Task>> {
    const first = await this.reports.exportBatch(userId, EXPORT_BATCH_SIZE);
    const reports = this.reports;
    return (async function* () {
      let batch = first;
      for (;;) {
        for (const row of batch) yield toTaskResponse(row);
        if (batch.length < EXPORT_BATCH_SIZE) return;
        const last = batch[batch.length - 1];
        const after: ExportPosition = { createdAt: last.createdAt, id: last.id };
        batch = await reports.exportBatch(userId, EXPORT_BATCH_SIZE, after);
      }
    })();
  }

  summary(userId: string, today: string): Promise<TaskSummary> {
    return this.reports.summary(userId, today);
  }
}
