import { validate } from 'class-validator';
import {
  codePointLength,
  IsCalendarDate,
  isCalendarDate,
  isInstant,
  IsTaskText,
  labelListProblem,
  recurrenceProblem,
  toUtcInstant,
} from './task-field.validators';

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 1],
    ['😀', 1],
    ['😀😀😀', 3],
    ['a😀b', 3],
  ])('counts %p as %p', (text, length) => {
    expect(codePointLength(text)).toBe(length);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-01-01', '2026-04-30', '2026-12-31', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '1970-01-31'])(
    'accepts %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
    },
  );

  it.each([
    ['29 February of a common year', '2025-02-29'],
    ['29 February of a century that is not a leap year', '2100-02-29'],
    ['year 0000', '0000-01-01'],
    ['31 April', '2026-04-31'],
    ['31 June', '2026-06-31'],
    ['day 0', '2026-01-00'],
    ['day 32', '2026-01-32'],
    ['month 0', '2026-00-10'],
    ['month 13', '2026-13-01'],
    ['single-digit fields', '2026-1-1'],
    ['a date-time', '2026-01-01T00:00:00Z'],
    ['an empty string', ''],
    ['slashes', '2026/01/01'],
    ['a five-digit year', '12026-01-01'],
  ])('refuses %s (%s)', (_label, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each([null, undefined, 20260101, new Date('2026-01-01')])('refuses the non-string %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('IsTaskText', () => {
  class Title {
    @IsTaskText({ min: 1, max: 3, trim: true })
    value!: unknown;
  }
  class Description {
    @IsTaskText({ min: 0, max: 3 })
    value!: unknown;
  }
  const messagesFor = async (Dto: new () => { value: unknown }, value: unknown) => {
    const dto = new Dto();
    dto.value = value;
    return (await validate(dto)).flatMap((error) => Object.values(error.constraints ?? {}));
  };

  it.each(['a', 'abc', '  abc  ', '😀😀😀'])('accepts the title %p', async (value) => {
    await expect(messagesFor(Title, value)).resolves.toEqual([]);
  });

  it.each([
    ['blank once trimmed', '   '],
    ['too long', 'abcd'],
    ['containing NUL', 'a\u0000'],
    ['with a lone surrogate', 'a\ud800'],
    ['not a string', 42],
  ])('refuses a title %s', async (_label, value) => {
    await expect(messagesFor(Title, value)).resolves.toEqual([
      'must be text of 1 to 3 characters after trimming, without NUL characters',
    ]);
  });

  it('counts untrimmed text when trim is off', async () => {
    await expect(messagesFor(Description, ' ab ')).resolves.toHaveLength(1);
    await expect(messagesFor(Description, '')).resolves.toEqual([]);
  });
});

describe('IsCalendarDate', () => {
  class Due {
    @IsCalendarDate()
    value!: unknown;
  }

  it('reports an impossible date', async () => {
    const due = new Due();
    due.value = '2026-02-30';

    const [error] = await validate(due);

    expect(error.constraints).toEqual({ isCalendarDate: 'must be a real calendar date written YYYY-MM-DD, or null' });
  });
});

describe('labelListProblem', () => {
  it.each([[[]], [['Work', 'home']], [['  Work  ']], [['😀'.repeat(50)]], [Array.from({ length: 20 }, (_, i) => `l${i}`)]])(
    'accepts %p',
    (labels) => {
      expect(labelListProblem(labels)).toBeUndefined();
    },
  );

  it.each([
    ['not an array', 'Work'],
    ['21 labels', Array.from({ length: 21 }, (_, i) => `l${i}`)],
    ['an empty label', ['']],
    ['a blank label', ['   ']],
    ['51 characters', ['x'.repeat(51)]],
    ['a comma', ['a,b']],
    ['a NUL', ['a\u0000']],
    ['a non-string', [1]],
    ['a repeat ignoring case', ['Work', 'work']],
    ['a repeat once trimmed', ['Work', ' Work']],
  ])('refuses %s', (_case, labels) => {
    expect(labelListProblem(labels)).toEqual(expect.any(String));
  });
});

describe('recurrenceProblem', () => {
  it.each([{ every: 'day', interval: 1 }, { every: 'year', interval: 365 }])('accepts %p', (value) => {
    expect(recurrenceProblem(value)).toBeUndefined();
  });

  it.each([
    { every: 'hour', interval: 1 },
    { every: 'day', interval: 0 },
    { every: 'day', interval: 366 },
    { every: 'day', interval: 1.5 },
    { every: 'day', interval: '1' },
    { every: 'day' },
    { every: 'day', interval: 1, at: 'noon' },
    [],
    'day',
  ])('refuses %p', (value) => {
    expect(recurrenceProblem(value)).toEqual(expect.any(String));
  });
});

describe('isInstant', () => {
  it.each(['2026-12-01T09:00:00Z', '2026-12-01T09:00:00.123+01:00', '2026-12-01T09:00Z', '2024-02-29T23:59:59.999-05:30'])(
    'accepts %s',
    (value) => {
      expect(isInstant(value)).toBe(true);
    },
  );

  it.each([
    ['no offset', '2026-12-01T09:00:00'],
    ['a date alone', '2026-12-01'],
    ['an impossible date', '2026-02-30T09:00:00Z'],
    ['hour 24', '2026-12-01T24:00:00Z'],
    ['a space for T', '2026-12-01 09:00:00Z'],
    ['year 0 once in UTC', '0001-01-01T00:30:00+01:00'],
    ['text', 'tomorrow'],
  ])('refuses %s', (_case, value) => {
    expect(isInstant(value)).toBe(false);
  });

  it('answers in UTC to the millisecond', () => {
    expect(toUtcInstant('2026-12-01T09:00:00.1239+01:00')).toBe('2026-12-01T08:00:00.123Z');
  });
});
