import { problemJson, unauthorizedJson, UNAUTHORIZED_DETAIL } from './problem-details';

describe('problemJson', () => {
  it('writes an RFC 9457 body whose instance is the path without the query', () => {
    expect(JSON.parse(problemJson('/api/u/tasks?limit=5', { status: 404, detail: 'No such task.' }))).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such task.',
      instance: '/api/u/tasks',
    });
  });

  it('adds the field errors of a validation failure last', () => {
    const errors = [{ field: 'title', message: 'title must not be empty' }];
    const body = problemJson('/api/u/tasks', { status: 400, detail: 'Invalid body.', errors });
    expect(Object.keys(JSON.parse(body))).toEqual(['type', 'title', 'status', 'detail', 'instance', 'errors']);
    expect(JSON.parse(body).errors).toEqual(errors);
  });
});

describe('unauthorizedJson', () => {
  it.each([
    ['/api/u/tasks'],
    ['/api/u/tasks?q=a&limit=5'],
    ['/api/"quoted"\\back/tasks'],
    ['/api/ünïcode/tasks'],
    ['/'],
    [undefined],
  ])('is exactly the 401 body problemJson writes, for %s', (url) => {
    expect(unauthorizedJson(url)).toBe(problemJson(url, { status: 401, detail: UNAUTHORIZED_DETAIL }));
  });
});
