import { TestBed } from '@angular/core/testing';
import { provideNativeDateAdapter } from '@angular/material/core';
import { LocalDateAdapter, fromDueDate, fromRemindAt, labelProblem, toDueDate, toRemindAt } from './task-form-values';

describe('task form values', () => {
  // frontend/jest.config.cts sets TZ=America/Los_Angeles.
  it('runs west of Greenwich, where shifting a day to UTC would show', () => {
    expect(new Date(2026, 11, 1).getTimezoneOffset()).toBeGreaterThan(0);
  });

  it('sends the calendar day that was picked, late in the evening too', () => {
    expect(toDueDate(new Date(2026, 11, 1))).toBe('2026-12-01');
    expect(toDueDate(new Date(2026, 11, 1, 23, 59))).toBe('2026-12-01');
    expect(toDueDate(new Date(2027, 0, 9))).toBe('2027-01-09');
  });

  it('shows a stored due date as that day in the picker', () => {
    const date = fromDueDate('2026-12-01');
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2026, 11, 1, 0]);
    expect(toDueDate(fromDueDate('2028-02-29'))).toBe('2028-02-29');
  });

  it('sends a reminder picked in local time as UTC with Z', () => {
    // 2026-12-01 18:30 in Los Angeles (UTC-8) is 02:30 the next day in UTC.
    expect(toRemindAt(new Date(2026, 11, 1), '18:30')).toBe('2026-12-02T02:30:00.000Z');
    // Summer time: UTC-7.
    expect(toRemindAt(new Date(2026, 6, 1), '09:05')).toBe('2026-07-01T16:05:00.000Z');
  });

  it('shows a stored reminder back in local time', () => {
    const { day, time } = fromRemindAt('2026-12-02T02:30:00.000Z');
    expect(toDueDate(day)).toBe('2026-12-01');
    expect(time).toBe('18:30');
    const back = fromRemindAt(toRemindAt(new Date(2027, 2, 14), '07:45'));
    expect([toDueDate(back.day), back.time]).toEqual(['2027-03-14', '07:45']);
  });

  it('parses a typed ISO day as that local day, and other text as the browser does', () => {
    TestBed.configureTestingModule({ providers: [provideNativeDateAdapter(), LocalDateAdapter] });
    const adapter = TestBed.inject(LocalDateAdapter);
    expect(toDueDate(adapter.parse('2026-12-01') as Date)).toBe('2026-12-01');
    expect(adapter.isValid(adapter.parse('2026-02-30') as Date)).toBe(false);
    expect(toDueDate(adapter.parse('12/1/2026') as Date)).toBe('2026-12-01');
  });

  describe('labelProblem', () => {
    it('accepts a new label', () => {
      expect(labelProblem('home', ['Work'])).toBeNull();
      expect(labelProblem('x'.repeat(50), [])).toBeNull();
      expect(labelProblem('🏠'.repeat(50), [])).toBeNull();
    });

    it('refuses what the API refuses', () => {
      expect(labelProblem('', [])).toMatch(/Enter a label/);
      expect(labelProblem('x'.repeat(51), [])).toMatch(/at most 50/);
      expect(labelProblem('a,b', [])).toMatch(/comma/);
      expect(labelProblem('a\u0000b', [])).toMatch(/NUL/);
      expect(labelProblem('WORK', ['work'])).toMatch(/already on this task/);
      const twenty = Array.from({ length: 20 }, (_, i) => `l${i}`);
      expect(labelProblem('one more', twenty)).toMatch(/at most 20 labels/);
    });
  });
});
