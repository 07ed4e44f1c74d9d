import { FieldError, InvalidRequestException } from './invalid-request.exception';

/** Checks one query value: a message when it is invalid, else undefined. */
export type QueryRule = (value: string) => string | undefined;

/**
 * Reads a query strictly, as API.md wants for every route: an unknown name, a
 * repeated parameter, an empty value or an invalid one is a 400 listing each
 * fault, never ignored; so is whatever `together` finds wrong in the valid
 * values combined. Answers the given values by name.
 */
export function readStrictQuery<Name extends string>(
  query: Record<string, unknown> | undefined,
  rules: Record<Name, QueryRule>,
  together: (given: Partial<Record<Name, string>>) => FieldError[] = () => [],
): Partial<Record<Name, string>> {
  const errors: FieldError[] = [];
  const given: Partial<Record<Name, string>> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (!Object.hasOwn(rules, name)) {
      errors.push({ field: name, message: 'is not a known query parameter' });
    } else if (typeof value !== 'string') {
      errors.push({ field: name, message: 'must be given once' });
    } else if (value === '') {
      errors.push({ field: name, message: 'must not be empty' });
    } else {
      const problem = rules[name as Name](value);
      if (problem) errors.push({ field: name, message: problem });
      else given[name as Name] = value;
    }
  }
  errors.push(...together(given));
  if (errors.length > 0) throw new InvalidRequestException(errors, 'The query is invalid; see errors.');
  return given;
}

/** Fails with `field is required` (a 400) when a required parameter is missing. */
export function requireQueryValue<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new InvalidRequestException([{ field, message: 'is required' }], `The query needs ${field}.`);
  return value;
}
