import { parseTokenLifetime } from './api-token';

describe('parseTokenLifetime', () => {
  it.each([
    ['15m', 900],
    ['900', 900],
    ['900s', 900],
    [' 2 hours ', 7200],
    ['1d', 86_400],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseTokenLifetime(text)).toBe(seconds);
  });

  it.each(['', '0', '15 weeks', '-5m', '1.5h', 'soon'])('refuses %j', (text) => {
    expect(parseTokenLifetime(text)).toBeNull();
  });
});
