import { dueDateLabel } from './due-date';

describe('dueDateLabel', () => {
  it('says Today and Tomorrow where they help, across a month and a year end', () => {
    expect(dueDateLabel('2026-12-03', '2026-12-03')).toBe('Today');
    expect(dueDateLabel('2026-12-04', '2026-12-03')).toBe('Tomorrow');
    expect(dueDateLabel('2027-01-01', '2026-12-31')).toBe('Tomorrow');
    expect(dueDateLabel('2026-03-01', '2026-02-28')).toBe('Tomorrow');
  });

  it('writes other days in the person’s locale, the same day whatever the time zone', () => {
    expect(dueDateLabel('2026-12-01', '2026-12-03', 'en-US')).toBe('Dec 1, 2026');
    expect(dueDateLabel('2026-12-01', '2026-12-03', 'en-GB')).toBe('1 Dec 2026');
    expect(dueDateLabel('2001-01-01', '2026-12-03', 'de-DE')).toBe('01.01.2001');
  });
});
