import { types } from 'pg';

const TIMESTAMPTZ = 1184;
const DATE = 1082;

/**
 * A timestamptz as the API writes an instant, `2026-12-04T20:02:01.120Z`,
 * from PostgreSQL's text for it. On the backend's connections (TimeZone UTC,
 * DateStyle ISO: typeorm-options.ts) that text is
 * `2026-12-04 20:02:01.12+00`, trailing zeros of the fraction dropped, and
 * the instant is a few string steps away. Any other text (another session
 * time zone, microseconds, a year past 9999) goes through a Date.
 */
export function isoInstant(text: string): string {
  if (text.length >= 22 && text.length <= 26 && text[10] === ' ' && text.endsWith('+00')) {
    const fraction = text.length > 22 ? text.slice(20, -3) : '';
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(3, '0')}Z`;
  }
  return new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

/** DateStyle ISO writes a date as YYYY-MM-DD: the API's form already. */
const asWritten = (text: string) => text;

/**
 * The value parsers of the API's own statements (prepared-statements.ts):
 * timestamps and dates arrive as the API's ISO strings, everything else as
 * pg parses it. Formatting them in SQL instead (`to_char`, five times a row)
 * cost the list's statement about a quarter of its rate in pgbench: 9,350
 * against 12,600 lists/s, four clients (bench/README.md, "A list's
 * statement").
 */
export const ISO_VALUES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary') {
      if (oid === TIMESTAMPTZ) return isoInstant;
      if (oid === DATE) return asWritten;
    }
    return types.getTypeParser(oid, format);
  },
};

/** The session settings {@link ISO_VALUES} reads fastest with, as connection options. */
export const ISO_SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO';
