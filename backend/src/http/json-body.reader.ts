import { Injectable, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { validate, ValidationError } from 'class-validator';
import { FieldError, InvalidRequestException } from './invalid-request.exception';
import { UnreadBody } from './unread-body';

/** API.md: a body over 64 KiB is a 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;

type Dto<T> = new () => T;

/** A validated body and the parsed JSON it came from (idempotency compares the latter). */
export interface ReadBody<T> {
  value: T;
  json: Record<string, unknown>;
}

const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The DTO with the body's fields as own properties. defineProperty rather
 * than assignment, so a `"__proto__"` key stays a (forbidden) field instead
 * of replacing the prototype the validation rules hang on.
 */
function instanceOf<T extends object>(dto: Dto<T>, json: Record<string, unknown>): T {
  const instance = new dto();
  for (const [key, value] of Object.entries(json)) {
    Object.defineProperty(instance, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return instance;
}

function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not an accepted field' : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Turns a request's {@link UnreadBody} into a validated DTO, answering in
 * API.md's order: 413 (too large), 415 (not JSON), 400 (malformed, not an
 * object, or invalid fields, unknown ones included).
 */
@Injectable()
export class JsonBodyReader {
  /** The body, required. */
  async read<T extends object>(body: unknown, dto: Dto<T>): Promise<ReadBody<T>> {
    const result = await this.readOptional(body, dto);
    if (result === undefined) {
      throw new InvalidRequestException([{ field: '', message: 'a JSON object is required' }], 'A JSON body is required.');
    }
    return result;
  }

  /** The body, or undefined when the request has none (no bytes at all). */
  async readOptional<T extends object>(body: unknown, dto: Dto<T>): Promise<ReadBody<T> | undefined> {
    if (!(body instanceof UnreadBody)) return undefined;
    const bytes = await body.read(BODY_LIMIT_BYTES);
    if (bytes === null) {
      throw new PayloadTooLargeException(`The body exceeds ${BODY_LIMIT_BYTES} bytes.`);
    }
    if (bytes.length === 0 && body.contentType === undefined) return undefined;
    if (!isJsonMediaType(body.contentType)) {
      throw new UnsupportedMediaTypeException('The body must be application/json.');
    }
    if (bytes.length === 0) return undefined;
    const json = this.parse(bytes);
    // Names of Object.prototype ("constructor", "__proto__"...) are refused
    // first: class-validator finds a DTO's rules through its constructor and
    // looks fields up in plain objects, where these names always exist.
    const reserved = Object.keys(json).filter((key) => RESERVED_KEYS.has(key));
    if (reserved.length > 0) {
      throw new InvalidRequestException(reserved.map((field) => ({ field, message: 'is not an accepted field' })));
    }
    const value = instanceOf(dto, json);
    const errors = flatten(await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
    if (errors.length > 0) throw new InvalidRequestException(errors);
    return { value, json };
  }

  private parse(bytes: Buffer): Record<string, unknown> {
    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(bytes));
    } catch {
      throw new InvalidRequestException([{ field: '', message: 'is not valid UTF-8 JSON' }], 'The body is malformed JSON.');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new InvalidRequestException([{ field: '', message: 'must be a JSON object' }], 'The body must be a JSON object.');
    }
    return json as Record<string, unknown>;
  }
}
