import { convertToParamMap } from '@angular/router';
import { TaskListState, readListState, toListQuery, toQueryParams } from './task-query';

const DEFAULTS: TaskListState = {
  status: 'all',
  q: '',
  priority: '',
  sort: 'created',
  order: 'desc',
  page: 1,
  size: 25,
};

const read = (params: Record<string, string>) => readListState(convertToParamMap(params));

describe('readListState', () => {
  it('gives the first 25 tasks, newest first, for a URL without parameters', () => {
    expect(read({})).toEqual(DEFAULTS);
  });

  it('reads every parameter the list writes', () => {
    expect(
      read({ status: 'completed', q: 'bank', priority: 'high', sort: 'dueDate', order: 'asc', page: '3', size: '100' }),
    ).toEqual({ status: 'completed', q: 'bank', priority: 'high', sort: 'dueDate', order: 'asc', page: 3, size: 100 });
  });

  it('keeps the search text as typed (trimming is for the API and the URL)', () => {
    expect(read({ q: '  two words ' }).q).toBe('  two words ');
  });

  it.each([
    ['status', 'done'],
    ['status', 'ALL'],
    ['priority', 'urgent'],
    ['sort', 'createdAt'],
    ['order', 'up'],
    ['status', ''],
  ])('falls back to the default for an unknown %s %p', (name, value) => {
    expect(read({ [name]: value })).toEqual(DEFAULTS);
  });

  it.each(['0', '-2', '1.5', 'two', '', '1e3x'])('starts at page 1 for page=%p', (page) => {
    expect(read({ page }).page).toBe(1);
  });

  it.each(['7', '0', '-25', '1000', 'many'])('uses 25 a page for size=%p, which the pager does not offer', (size) => {
    expect(read({ size }).size).toBe(25);
  });

  it('keeps the good parameters when others are bad', () => {
    expect(read({ status: 'pending', sort: 'nope', page: '2', size: '13' })).toEqual({
      ...DEFAULTS,
      status: 'pending',
      page: 2,
    });
  });
});

describe('toListQuery', () => {
  it('asks for the first page only when nothing is chosen', () => {
    expect(toListQuery(DEFAULTS)).toEqual({
      status: undefined,
      q: undefined,
      priority: undefined,
      sort: undefined,
      order: undefined,
      limit: 25,
      offset: undefined,
    });
  });

  it('turns page and size into limit and offset, and trims the search', () => {
    expect(
      toListQuery({ status: 'pending', q: '  bank ', priority: 'low', sort: 'title', order: 'asc', page: 3, size: 10 }),
    ).toEqual({ status: 'pending', q: 'bank', priority: 'low', sort: 'title', order: 'asc', limit: 10, offset: 20 });
  });

  it('leaves out a search of spaces only', () => {
    expect(toListQuery({ ...DEFAULTS, q: '   ' }).q).toBeUndefined();
  });
});

describe('toQueryParams', () => {
  it('removes defaults from the URL (null) so links stay short', () => {
    expect(toQueryParams(DEFAULTS)).toEqual({
      status: null,
      q: null,
      priority: null,
      sort: null,
      order: null,
      page: null,
      size: null,
    });
  });

  it('writes only the parameters that change, leaving the others to be merged', () => {
    expect(toQueryParams({ status: 'completed', page: 1 })).toEqual({ status: 'completed', page: null });
    expect(toQueryParams({ page: 4, size: 50 })).toEqual({ page: 4, size: 50 });
  });

  it('writes the search trimmed, and removes a blank one', () => {
    expect(toQueryParams({ q: ' bank  ' })).toEqual({ q: 'bank' });
    expect(toQueryParams({ q: '  ' })).toEqual({ q: null });
  });

  it.each<TaskListState>([
    DEFAULTS,
    { status: 'pending', q: 'bank', priority: 'medium', sort: 'priority', order: 'asc', page: 2, size: 50 },
    { status: 'completed', q: 'x', priority: 'high', sort: 'updated', order: 'desc', page: 9, size: 10 },
  ])('reads back what it writes (status $status, sort $sort, page $page)', (state) => {
    const written = Object.entries(toQueryParams(state)).filter(([, value]) => value !== null);
    expect(read(Object.fromEntries(written.map(([key, value]) => [key, String(value)])))).toEqual(state);
  });
});
