import { Readable } from 'node:stream';
import { ExportFormat, Task } from '@taskgate/api-contract';
import { stringify } from 'csv-stringify';

/** The task's fields, in the API's order: the CSV's header row. */
export const EXPORT_COLUMNS: readonly (keyof Task)[] = [
  'id',
  'userId',
  'title',
  'description',
  'completed',
  'priority',
  'dueDate',
  'completedAt',
  'createdAt',
  'updatedAt',
  'labels',
  'recurrence',
  'remindAt',
];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

// A cell starting with one of these is a formula to a spreadsheet (OWASP,
// "CSV Injection"): a leading ' makes it text again.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet can open it safely. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One task as a CSV record: labels joined by `;`, recurrence as its JSON, null as an empty cell. */
export function toCsvRecord(task: Task): Record<string, string> {
  const record: Record<string, string> = {};
  for (const column of EXPORT_COLUMNS) {
    const value = task[column];
    let cell: string;
    if (value === null) cell = '';
    else if (column === 'labels') cell = (value as string[]).join(';');
    else if (column === 'recurrence') cell = JSON.stringify(value);
    else cell = String(value);
    record[column] = neutraliseFormula(cell);
  }
  return record;
}

/**
 * The export as a byte stream, pulled batch by batch from `tasks` as the
 * client reads (Readable.from waits while the socket's buffer is full), so
 * memory holds one batch whatever the number of tasks.
 */
export function exportStream(format: ExportFormat, tasks: AsyncIterable<Task>): Readable {
  if (format === 'json') return Readable.from(jsonArray(tasks));
  // RFC 4180: CRLF between records; a field with a quote, comma or any line
  // break is quoted (csv-stringify quotes only the record delimiter itself
  // unless told about lone CR and LF).
  const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  const records = Readable.from(mapAsync(tasks, toCsvRecord));
  records.on('error', (error) => csv.destroy(error));
  return records.pipe(csv);
}

async function* jsonArray(tasks: AsyncIterable<Task>): AsyncGenerator<string> {
  let separator = '[';
  for await (const task of tasks) {
    yield separator + JSON.stringify(task);
    separator = ',';
  }
  yield separator === '[' ? '[]' : ']';
}

async function* mapAsync<From, To>(items: AsyncIterable<From>, map: (item: From) => To): AsyncGenerator<To> {
  for await (const item of items) yield map(item);
}
