import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportFigure } from './report-figure';

describe('reportFigure', () => {
  it('appends each figure to the report file as a JSON line, in order', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'figures-')), 'figures.jsonl');
    reportFigure('faults/cut', '745 requests answered 503, max 90 ms', file);
    reportFigure('faults/freeze', '29 requests answered 503, max 1552 ms', file);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { topic: 'faults/cut', text: '745 requests answered 503, max 90 ms', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { topic: 'faults/freeze', text: '29 requests answered 503, max 1552 ms', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
  });
});
