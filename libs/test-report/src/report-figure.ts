import { appendFileSync } from 'node:fs';

/** One measured figure, as the report lists it. */
export interface Figure {
  /** What was measured, e.g. `faults/freeze`. */
  topic: string;
  /** The figures in one sentence. */
  text: string;
  /** ISO time of the measurement. */
  at: string;
}

/**
 * Prints a figure a test measured and, when `TASKGATE_TEST_REPORT` names a
 * file (`npm run test:report` sets it), appends it there as a JSON line, from
 * which tools/test-report.mjs writes docs/test-report.md. A figure is never
 * an assertion: the test asserts its limit, the report keeps the number.
 */
export function reportFigure(topic: string, text: string, file = process.env['TASKGATE_TEST_REPORT']): Figure {
  const figure: Figure = { topic, text, at: new Date().toISOString() };
  process.stdout.write(`\n${topic}: ${text}\n`);
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
  return figure;
}
