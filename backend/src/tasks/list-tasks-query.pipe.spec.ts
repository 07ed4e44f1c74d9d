import { InvalidRequestException } from '../http/invalid-request.exception';
import { ListTasksQueryPipe } from './list-tasks-query.pipe';

const pipe = new ListTasksQueryPipe();

/** The field errors the pipe throws for `query`; fails the test when it throws nothing else. */
function errorsFor(query: Record<string, unknown>) {
  let thrown: unknown;
  try {
    pipe.transform(query);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidRequestException);
  return (thrown as InvalidRequestException).errors;
}

describe('ListTasksQueryPipe', () => {
  const DEFAULTS = { status: 'all', q: undefined, priority: undefined, sort: 'created', order: 'desc', limit: 50, offset: 0 };

  it('applies the defaults to an empty query', () => {
    expect(pipe.transform({})).toEqual(DEFAULTS);
  });

  it('applies the defaults to no query object', () => {
    expect(pipe.transform(undefined)).toEqual(DEFAULTS);
  });

  it('reads every parameter', () => {
    expect(
      pipe.transform({
        status: 'completed',
        q: '50% off_sale',
        priority: 'high',
        sort: 'dueDate',
        order: 'asc',
        limit: '100',
        offset: '20',
      }),
    ).toEqual({ status: 'completed', q: '50% off_sale', priority: 'high', sort: 'dueDate', order: 'asc', limit: 100, offset: 20 });
  });

  it.each([
    ['limit', '1', { limit: 1 }],
    ['limit', '100', { limit: 100 }],
    ['offset', '0', { offset: 0 }],
  ])('accepts the boundary %s=%s', (name, value, expected) => {
    expect(pipe.transform({ [name]: value })).toMatchObject(expected);
  });

  it('refuses an unknown parameter name', () => {
    expect(errorsFor({ page: '2' })).toEqual([{ field: 'page', message: 'is not a known query parameter' }]);
  });

  it('refuses a parameter name that differs only in case', () => {
    expect(errorsFor({ Status: 'all' })).toEqual([{ field: 'Status', message: 'is not a known query parameter' }]);
  });

  it('refuses a repeated parameter (an array value)', () => {
    expect(errorsFor({ status: ['pending', 'completed'] })).toEqual([{ field: 'status', message: 'must be given once' }]);
  });

  it('refuses an empty value', () => {
    expect(errorsFor({ q: '' })).toEqual([{ field: 'q', message: 'must not be empty' }]);
  });

  it.each([
    ['status', 'done'],
    ['status', 'ALL'],
    ['priority', 'urgent'],
    ['sort', 'id'],
    ['order', 'ascending'],
  ])('refuses the unknown value %s=%s', (name, value) => {
    expect(errorsFor({ [name]: value })).toEqual([{ field: name, message: expect.stringMatching(/^must be one of /) }]);
  });

  it.each([
    ['limit', '0'],
    ['limit', '101'],
    ['limit', '1.5'],
    ['limit', '-1'],
    ['limit', '1e2'],
    ['limit', ' 5'],
    ['limit', 'ten'],
    ['offset', '-1'],
    ['offset', '0.5'],
    ['offset', '99999999999'],
  ])('refuses %s=%s', (name, value) => {
    expect(errorsFor({ [name]: value })).toEqual([{ field: name, message: expect.stringMatching(/^must be a whole number from /) }]);
  });

  it('refuses q containing NUL', () => {
    expect(errorsFor({ q: 'a\u0000b' })).toEqual([{ field: 'q', message: expect.stringContaining('without NUL') }]);
  });

  it('refuses q with a lone surrogate', () => {
    expect(errorsFor({ q: 'a\ud800' })).toEqual([{ field: 'q', message: expect.stringContaining('at most 1000') }]);
  });

  it('counts q in code points: 1000 emoji pass, 1001 do not', () => {
    expect(pipe.transform({ q: '😀'.repeat(1000) }).q).toBe('😀'.repeat(1000));
    expect(errorsFor({ q: '😀'.repeat(1001) })).toEqual([{ field: 'q', message: expect.any(String) }]);
  });

  it('reports every invalid parameter at once', () => {
    expect(errorsFor({ status: 'x', limit: '0', extra: '1' }).map((error) => error.field)).toEqual(['status', 'limit', 'extra']);
  });

  it('says the query is at fault', () => {
    expect(() => pipe.transform({ limit: '0' })).toThrow('The query is invalid; see errors.');
  });
});

describe('ListTasksQueryPipe, the v1.1 filters', () => {
  it('reads labels (trimmed), dueFrom, dueTo and due', () => {
    expect(pipe.transform({ labels: ' Work ,home', dueFrom: '2026-01-01', dueTo: '2026-01-31' })).toMatchObject({
      labels: ['Work', 'home'],
      dueFrom: '2026-01-01',
      dueTo: '2026-01-31',
    });
    expect(pipe.transform({ due: 'none' })).toMatchObject({ due: 'none' });
    expect(pipe.transform({ dueFrom: '2026-02-01', dueTo: '2026-02-01' })).toMatchObject({ dueFrom: '2026-02-01' });
  });

  it.each([
    ['an empty item', { labels: 'a,,b' }, 'labels'],
    ['a trailing comma', { labels: 'a,' }, 'labels'],
    ['a blank item', { labels: 'a, ,b' }, 'labels'],
    ['a label of 51 characters', { labels: 'x'.repeat(51) }, 'labels'],
    ['a NUL in a label', { labels: 'a\u0000' }, 'labels'],
    ['an impossible dueFrom', { dueFrom: '2026-02-30' }, 'dueFrom'],
    ['a dueTo that is not a date', { dueTo: 'tomorrow' }, 'dueTo'],
    ['dueFrom after dueTo', { dueFrom: '2026-03-02', dueTo: '2026-03-01' }, 'dueFrom'],
    ['due with dueFrom', { due: 'any', dueFrom: '2026-03-01' }, 'due'],
    ['due with dueTo', { due: 'none', dueTo: '2026-03-01' }, 'due'],
    ['an unknown due', { due: 'some' }, 'due'],
  ])('refuses %s', (_case, query, field) => {
    expect(errorsFor(query).map((error) => error.field)).toContain(field);
  });
});
