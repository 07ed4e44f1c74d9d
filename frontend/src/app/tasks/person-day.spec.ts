import { TestBed } from '@angular/core/testing';
import { PersonDay } from './person-day';

describe('PersonDay', () => {
  afterEach(() => jest.useRealTimers());

  it('moves to the new date just after the person’s own midnight, by itself', () => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date(2026, 1, 28, 23, 59, 30));
    const day = TestBed.inject(PersonDay);
    expect(day.value()).toBe('2026-02-28');
    jest.advanceTimersByTime(29_000);
    expect(day.value()).toBe('2026-02-28');
    jest.advanceTimersByTime(2_000);
    expect(day.value()).toBe('2026-03-01');
    // And the midnight after that.
    jest.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect(day.value()).toBe('2026-03-02');
  });

  it('checks again when the tab comes back into view (a sleeping machine’s timers run late)', () => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date(2026, 11, 31, 22, 0));
    const day = TestBed.inject(PersonDay);
    const seen: string[] = [];
    day.day$.subscribe((d) => seen.push(d));
    // The clock jumps without the timer having fired.
    jest.setSystemTime(new Date(2027, 0, 1, 8, 0));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(day.value()).toBe('2027-01-01');
    expect(seen).toEqual(['2026-12-31', '2027-01-01']);
  });
});
