import { requiresApiToken } from './public-routes';

describe('requiresApiToken', () => {
  it.each([
    ['GET', '/api/health/live'],
    ['GET', '/api/health/ready?verbose'],
    ['GET', '/api/docs'],
    ['GET', '/api/docs/'],
    ['GET', '/api/docs/swagger-ui-bundle.js'],
    ['GET', '/api/docs-json'],
    ['OPTIONS', '/api/u1/tasks'],
    ['GET', '/outside-the-api'],
    ['GET', undefined],
  ])('lets %s %s through without a token', (method, url) => {
    expect(requiresApiToken(method, url)).toBe(false);
  });

  it.each([
    ['GET', '/api/u1/tasks'],
    ['POST', '/api/u1/tasks'],
    ['GET', '/api/docs/tasks'],
    ['GET', '/api/docs/tasks/3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11'],
    ['GET', '/api/health/tasks'],
    ['GET', '/api/health/live/'],
    ['GET', '/api/health/%6Cive'],
    ['GET', '/api/no-such-route'],
  ])('needs a token for %s %s (a task route, an unknown or a disguised path)', (method, url) => {
    expect(requiresApiToken(method, url)).toBe(true);
  });
});
