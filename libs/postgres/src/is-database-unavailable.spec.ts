import { isDatabaseUnavailable } from './is-database-unavailable';

const withCode = (code: string) => Object.assign(new Error('driver error'), { code });

describe('isDatabaseUnavailable', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300', '57014'])(
    'is true for the code %s',
    (code) => {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    },
  );

  it('is true for any connection exception (SQLSTATE class 08)', () => {
    expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
  });

  it("is true for a TypeORM QueryFailedError whose driverError is unavailable", () => {
    expect(isDatabaseUnavailable({ message: 'terminating', driverError: { code: '57P01' } })).toBe(true);
  });

  it('is true when the cause chain holds an unavailable error', () => {
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: new Error('outer', { cause: withCode('ECONNREFUSED') }) }))).toBe(true);
  });

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Query read timeout',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
    'the database system is starting up',
    'the database system is shutting down',
  ])('is true for the message "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['an invalid text representation', withCode('22P02')],
    ['a QueryFailedError with a constraint violation', { message: 'duplicate key', driverError: { code: '23505' } }],
    ['a plain Error', new Error('something else')],
    ['a numeric code', { code: 57 }],
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
