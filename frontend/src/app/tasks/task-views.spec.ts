import { convertToParamMap } from '@angular/router';
import { readListState, toListQuery } from './task-query';
import { today } from './task-validators';
import { addDays, fixedStatus, viewHint, viewOf, viewQuery } from './task-views';

describe('addDays', () => {
  it('steps over month ends, year ends and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-04-30', 7)).toBe('2026-05-07');
  });
});

describe('viewQuery', () => {
  it('gives each view its preset for the person’s today', () => {
    const day = '2026-12-31';
    expect(viewQuery({ name: 'inbox' }, day)).toEqual({});
    expect(viewQuery({ name: 'today' }, day)).toEqual({ dueFrom: '2026-12-31', dueTo: '2026-12-31' });
    // The 7 days after today: tomorrow to today + 7, today itself in Today only.
    expect(viewQuery({ name: 'upcoming' }, day)).toEqual({ status: 'pending', dueFrom: '2027-01-01', dueTo: '2027-01-07' });
    expect(viewQuery({ name: 'overdue' }, '2026-03-01')).toEqual({ status: 'pending', dueTo: '2026-02-28' });
    expect(viewQuery({ name: 'completed' }, day)).toEqual({ status: 'completed' });
    expect(viewQuery({ name: 'label', label: 'Home, sweet' }, day)).toEqual({ labels: 'Home, sweet' });
  });

  it('fixes the status only where the view says it', () => {
    expect(fixedStatus(undefined)).toBeUndefined();
    expect(fixedStatus({ name: 'inbox' })).toBeUndefined();
    expect(fixedStatus({ name: 'today' })).toBeUndefined();
    expect(fixedStatus({ name: 'label', label: 'x' })).toBeUndefined();
    expect(fixedStatus({ name: 'upcoming' })).toBe('pending');
    expect(fixedStatus({ name: 'overdue' })).toBe('pending');
    expect(fixedStatus({ name: 'completed' })).toBe('completed');
  });

  it('says the dates it covers', () => {
    expect(viewHint({ name: 'upcoming' }, '2026-12-28', 'en-US')).toBe(
      'Pending tasks due in the next 7 days: Dec 29 to Jan 4.',
    );
    expect(viewHint({ name: 'today' }, '2026-02-28', 'en-GB')).toBe('Tasks due today, 28 Feb.');
  });
});

describe('viewOf', () => {
  it('reads the view from the route’s data and a label from its :name', () => {
    expect(viewOf({ view: 'overdue' }, convertToParamMap({}))).toEqual({ name: 'overdue' });
    expect(viewOf({ view: 'label' }, convertToParamMap({ name: 'Work' }))).toEqual({ name: 'label', label: 'Work' });
    expect(viewOf({}, convertToParamMap({}))).toEqual({ name: 'inbox' });
    expect(viewOf({ view: 'nonsense' }, convertToParamMap({}))).toEqual({ name: 'inbox' });
  });
});

describe('a view’s list query', () => {
  const read = (params: Record<string, string>, name: 'today' | 'overdue' | 'completed' | 'upcoming', day: string) =>
    toListQuery(readListState(convertToParamMap(params), { name }, day));

  it('keeps the list’s own search, sort and paging next to the view’s preset', () => {
    expect(read({ q: 'bank', sort: 'dueDate', order: 'asc', page: '2', size: '10' }, 'today', '2026-12-03')).toEqual({
      q: 'bank',
      sort: 'dueDate',
      order: 'asc',
      limit: 10,
      offset: 10,
      dueFrom: '2026-12-03',
      dueTo: '2026-12-03',
    });
  });

  it('lets the view’s status win over a contradicting one in the URL', () => {
    const state = readListState(convertToParamMap({ status: 'pending' }), { name: 'completed' }, '2026-12-03');
    expect(state.status).toBe('completed');
    expect(toListQuery(state).status).toBe('completed');
    expect(read({ status: 'completed' }, 'overdue', '2026-12-03')).toMatchObject({ status: 'pending', dueTo: '2026-12-02' });
  });

  it('counts days in the person’s own time zone, not UTC’s', () => {
    // One minute either side of the person's own midnight, whatever zone the test runs in.
    expect(today(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
    expect(today(new Date(2027, 0, 1, 0, 1))).toBe('2027-01-01');
    // Auckland at 2026-12-31T12:30Z: already New Year's Day there, though UTC still says the 31st.
    const auckland = {
      getFullYear: () => 2027,
      getMonth: () => 0,
      getDate: () => 1,
      toISOString: () => '2026-12-31T12:30:00.000Z',
    } as Date;
    const day = today(auckland);
    expect(day).toBe('2027-01-01');
    expect(viewQuery({ name: 'overdue' }, day)).toEqual({ status: 'pending', dueTo: '2026-12-31' });
    expect(viewQuery({ name: 'today' }, day)).toEqual({ dueFrom: '2027-01-01', dueTo: '2027-01-01' });
    expect(viewQuery({ name: 'upcoming' }, day)).toMatchObject({ dueFrom: '2027-01-02', dueTo: '2027-01-08' });
  });
});
