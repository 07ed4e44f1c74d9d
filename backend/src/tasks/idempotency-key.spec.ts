import { InvalidRequestException } from '../http/invalid-request.exception';
import { idempotencyKeyFrom } from './idempotency-key';

describe('idempotencyKeyFrom', () => {
  it('is undefined without the header', () => {
    expect(idempotencyKeyFrom(undefined)).toBeUndefined();
  });

  it.each([
    ['one character', 'a'],
    ['255 characters', 'k'.repeat(255)],
    ['spaces and punctuation', ' 3f0c-6c1e ~!"#$ '],
  ])('accepts a key of %s', (_label, key) => {
    expect(idempotencyKeyFrom(key)).toBe(key);
  });

  it.each([
    ['an empty key', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'a\tb'],
    ['DEL', 'a\u007f'],
    ['a non-ASCII character', 'clé'],
  ])('refuses %s with a 400 naming the header', (_label, key) => {
    let thrown: unknown;
    try {
      idempotencyKeyFrom(key);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(InvalidRequestException);
    expect((thrown as InvalidRequestException).errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
  });
});
