import { validate } from 'class-validator';
import { codePointLength, IsCalendarDate, isCalendarDate, IsTaskText } from './task-field.validators';

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
