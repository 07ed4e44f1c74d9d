import { EnvironmentError, EnvironmentReader } from './environment-reader';

describe('EnvironmentReader', () => {
  const read = (env: Record<string, string>) => new EnvironmentReader(env);

  it('reads ports and bounded whole numbers, naming the variable when they are not', () => {
    expect(read({ PORT: ' 8080 ' }).port('PORT', 3000)).toBe(8080);
    expect(read({}).port('PORT', 3000)).toBe(3000);
    for (const bad of ['eighty', '-1', '65536', '1.5', '0x10']) {
      expect(() => read({ PORT: bad }).port('PORT', 3000)).toThrow(new EnvironmentError('PORT must be a whole number from 0 to 65535'));
    }
    expect(() => read({ POOL: '0' }).integer('POOL', 20, { min: 1, max: 100 }, 'must be 1 to 100')).toThrow('POOL must be 1 to 100');
  });

  it('reads an optional port as undefined when unset or blank, and by the same rule when set', () => {
    expect(read({}).optionalPort('METRICS')).toBeUndefined();
    expect(read({ METRICS: ' ' }).optionalPort('METRICS')).toBeUndefined();
    expect(read({ METRICS: '9464' }).optionalPort('METRICS')).toBe(9464);
    expect(read({ METRICS: '0' }).optionalPort('METRICS')).toBe(0);
    expect(() => read({ METRICS: 'on' }).optionalPort('METRICS')).toThrow(new EnvironmentError('METRICS must be a whole number from 0 to 65535'));
  });

  it('reads comma-separated lists, dropping blanks', () => {
    expect(read({ LIST: ' a, b ,,c ' }).list('LIST')).toEqual(['a', 'b', 'c']);
    expect(read({}).list('LIST')).toEqual([]);
  });

  it('reads URLs of the given protocols without trailing slashes', () => {
    expect(read({ URL: 'https://a.example//' }).url('URL', ['https'], 'must be https')).toBe('https://a.example');
    expect(read({ URL: 'https://a.example/base/' }).url('URL', ['https'], 'must be https')).toBe('https://a.example/base');
    expect(() => read({ URL: 'ftp://a.example' }).url('URL', ['https'], 'must be https')).toThrow('URL must be https');
    expect(() => read({ URL: 'not a url' }).url('URL', ['https'], 'must be https')).toThrow('URL must be https');
  });

  it('reads flags', () => {
    expect(read({ F: 'TRUE' }).flag('F')).toBe(true);
    expect(read({ F: '0' }).flag('F')).toBe(false);
    expect(read({}).flag('F')).toBe(false);
    expect(() => read({ F: 'maybe' }).flag('F')).toThrow('F must be true or false');
  });

  it('keeps a raw value as written (a secret may have spaces)', () => {
    expect(read({ S: ' spaced ' }).raw('S')).toBe(' spaced ');
    expect(read({ S: ' spaced ' }).text('S')).toBe('spaced');
  });
});
