import { Injectable, PipeTransform } from '@nestjs/common';
import { EXPORT_FORMATS, ExportFormat, SUMMARY_DAYS } from '@taskgate/api-contract';
import { readStrictQuery, requireQueryValue } from '../../http/strict-query';
import { isCalendarDate } from '../dto/task-field.validators';

// The 14 days of completedPerDay must be dates too: the first is 0001-01-01.
const FIRST_SUMMARY_DAY = '0001-01-14';

/** `GET …/tasks/summary?today=YYYY-MM-DD`: the client's own date, required. */
@Injectable()
export class SummaryQueryPipe implements PipeTransform<Record<string, unknown>, string> {
  transform(query: Record<string, unknown> | undefined): string {
    const { today } = readStrictQuery(query, {
      today: (value) =>
        isCalendarDate(value) && value >= FIRST_SUMMARY_DAY
          ? undefined
          : `must be a date (YYYY-MM-DD) from ${FIRST_SUMMARY_DAY} on (the summary covers the ${SUMMARY_DAYS} days ending with it)`,
    });
    return requireQueryValue(today, 'today');
  }
}

/** `GET …/tasks/export?format=csv|json`: the format, required. */
@Injectable()
export class ExportQueryPipe implements PipeTransform<Record<string, unknown>, ExportFormat> {
  transform(query: Record<string, unknown> | undefined): ExportFormat {
    const { format } = readStrictQuery(query, {
      format: (value) =>
        (EXPORT_FORMATS as readonly string[]).includes(value) ? undefined : `must be one of ${EXPORT_FORMATS.join(', ')}`,
    });
    return requireQueryValue(format, 'format') as ExportFormat;
  }
}
