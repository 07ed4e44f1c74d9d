import { daysBetween, nextDueDate, nextRemindAt } from './recurrence';

describe('nextDueDate', () => {
  it.each([
    ['2026-03-10', 'day', 1, '2026-03-11'],
    ['2026-12-31', 'day', 1, '2027-01-01'],
    ['2026-12-25', 'week', 2, '2027-01-08'],
    ['2026-01-01', 'day', 365, '2027-01-01'],
    ['2028-01-01', 'day', 365, '2028-12-31'],
    ['2026-01-31', 'month', 1, '2026-02-28'],
    ['2028-01-31', 'month', 1, '2028-02-29'],
    ['2026-03-31', 'month', 1, '2026-04-30'],
    ['2026-01-30', 'month', 1, '2026-02-28'],
    ['2026-01-29', 'month', 1, '2026-02-28'],
    ['2026-01-28', 'month', 1, '2026-02-28'],
    ['2026-11-30', 'month', 3, '2027-02-28'],
    ['2026-12-15', 'month', 1, '2027-01-15'],
    ['2026-05-31', 'month', 12, '2027-05-31'],
    ['2026-01-31', 'month', 365, '2056-06-30'],
    ['2028-02-29', 'year', 1, '2029-02-28'],
    ['2028-02-29', 'year', 4, '2032-02-29'],
    ['2096-02-29', 'year', 4, '2100-02-28'],
    ['2026-12-31', 'year', 1, '2027-12-31'],
    ['2026-06-15', 'year', 365, '2391-06-15'],
    ['0001-01-01', 'day', 1, '0001-01-02'],
  ] as const)('%s + %s × %s = %s', (due, every, interval, expected) => {
    expect(nextDueDate(due, { every, interval })).toBe(expected);
  });

  it('ends the series after 9999-12-31', () => {
    expect(nextDueDate('9999-12-31', { every: 'day', interval: 1 })).toBeNull();
    expect(nextDueDate('9999-06-01', { every: 'year', interval: 1 })).toBeNull();
    expect(nextDueDate('9999-12-30', { every: 'day', interval: 1 })).toBe('9999-12-31');
  });
});

describe('daysBetween', () => {
  it('counts whole days across months, years and leap days', () => {
    expect(daysBetween('2026-01-31', '2026-02-28')).toBe(28);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});

describe('nextRemindAt', () => {
  it('moves the reminder by the days the due date moved, keeping its time of day', () => {
    expect(nextRemindAt('2026-01-30T08:15:00.250Z', '2026-01-31', '2026-02-28')).toBe('2026-02-27T08:15:00.250Z');
    expect(nextRemindAt('2026-12-31T23:59:59.999Z', '2026-12-31', '2027-01-07')).toBe('2027-01-07T23:59:59.999Z');
  });

  it('keeps null as null', () => {
    expect(nextRemindAt(null, '2026-01-31', '2026-02-28')).toBeNull();
  });
});
