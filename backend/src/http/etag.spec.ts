import { formatEtag, parseIfMatch } from './etag';

describe('formatEtag', () => {
  it('quotes the version as a strong ETag', () => {
    expect(formatEtag(7)).toBe('"7"');
  });
});

describe('parseIfMatch', () => {
  it('is undefined when the header is absent', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['*', ' * '])('is "any" for %p', (header) => {
    expect(parseIfMatch(header)).toBe('any');
  });

  it('reads one strong ETag', () => {
    expect(parseIfMatch('"12"')).toEqual([12]);
  });

  it('reads a list of strong ETags', () => {
    expect(parseIfMatch('"1", "2" ,"3"')).toEqual([1, 2, 3]);
  });

  it('reads back what formatEtag wrote', () => {
    expect(parseIfMatch(formatEtag(42))).toEqual([42]);
  });

  it.each([
    ['a weak ETag', 'W/"1"'],
    ['an unquoted version', '1'],
    ['a non-numeric tag', '"abc"'],
    ['a negative version', '"-1"'],
    ['a version of more than 9 digits', '"1234567890"'],
    ['an empty header', ''],
  ])('matches no version for %s', (_label, header) => {
    expect(parseIfMatch(header)).toEqual([]);
  });

  it('keeps the strong tags of a list that mixes in weak ones', () => {
    expect(parseIfMatch('W/"1", "2"')).toEqual([2]);
  });

  // Regression: "01" used to match the ETag "1"; strong comparison is by character (RFC 9110 §8.8.3.2).
  it('matches no version for a tag with leading zeros ("01" is not the ETag "1")', () => {
    expect(parseIfMatch('"01"')).toEqual([]);
  });
});
