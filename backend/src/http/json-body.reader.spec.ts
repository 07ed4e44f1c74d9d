import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CreateTaskDto } from '../tasks/dto/create-task.dto';
import { InvalidRequestException } from './invalid-request.exception';
import { BODY_LIMIT_BYTES, JsonBodyReader } from './json-body.reader';
import { UnreadBody } from './unread-body';

const JSON_TYPE = 'application/json';

/**
 * A request body as the backend's content parser hands it on: a byte stream,
 * unread. `contentType: null` sends no Content-Type header.
 */
function body(bytes: Buffer | string, contentType: string | null = JSON_TYPE, declaredLength?: number): UnreadBody {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return new UnreadBody(Readable.from([buffer]), contentType ?? undefined, declaredLength);
}

/** What `promise` rejected with (or resolved to, which then fails the instanceof checks). */
const outcome = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

async function invalid(promise: Promise<unknown>): Promise<InvalidRequestException> {
  const error = await outcome(promise);
  expect(error).toBeInstanceOf(InvalidRequestException);
  return error as InvalidRequestException;
}

describe('JsonBodyReader', () => {
  const reader = new JsonBodyReader();

  describe('a valid body', () => {
    it('returns the DTO and the parsed JSON', async () => {
      const json = { title: '  Write the report ', description: '', priority: 'high', dueDate: '2026-12-31', completed: false };

      const result = await reader.read(body(JSON.stringify(json)), CreateTaskDto);

      expect(result.value).toBeInstanceOf(CreateTaskDto);
      expect({ ...result.value }).toEqual(json);
      expect(result.json).toEqual(json);
    });

    it.each(['application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/json;'])(
      'accepts the content type %p',
      async (contentType) => {
        await expect(reader.read(body('{"title":"a"}', contentType), CreateTaskDto)).resolves.toMatchObject({
          json: { title: 'a' },
        });
      },
    );

    it('reads a body made of several chunks, multi-byte characters split between them', async () => {
      const bytes = Buffer.from('{"title":"café ☕"}', 'utf8');
      const split = bytes.indexOf(0xa9); // the second byte of "é"
      const stream = Readable.from([bytes.subarray(0, split), bytes.subarray(split)]);

      await expect(reader.read(new UnreadBody(stream, JSON_TYPE, bytes.length), CreateTaskDto)).resolves.toMatchObject({
        json: { title: 'café ☕' },
      });
    });

    it(`accepts a body of exactly ${BODY_LIMIT_BYTES} bytes`, async () => {
      const text = '{"title":"a"}'.padEnd(BODY_LIMIT_BYTES, ' ');

      await expect(reader.read(body(text, JSON_TYPE, BODY_LIMIT_BYTES), CreateTaskDto)).resolves.toMatchObject({
        json: { title: 'a' },
      });
    });
  });

  describe('413', () => {
    it('refuses a declared length over 64 KiB before reading', async () => {
      const small = body('{"title":"a"}', JSON_TYPE, BODY_LIMIT_BYTES + 1);

      await expect(reader.read(small, CreateTaskDto)).rejects.toThrow(PayloadTooLargeException);
    });

    it('refuses a streamed body over 64 KiB when no length is declared', async () => {
      const text = '{"title":"a"}'.padEnd(BODY_LIMIT_BYTES + 1, ' ');

      await expect(reader.read(body(text), CreateTaskDto)).rejects.toThrow(PayloadTooLargeException);
    });

    it('refuses a streamed body over 64 KiB that declared a smaller length', async () => {
      const text = '{"title":"a"}'.padEnd(BODY_LIMIT_BYTES + 1, ' ');

      await expect(reader.read(body(text, JSON_TYPE, 10), CreateTaskDto)).rejects.toThrow(PayloadTooLargeException);
    });

    it('answers 413 before 415', async () => {
      await expect(reader.read(body('x', 'text/plain', BODY_LIMIT_BYTES + 1), CreateTaskDto)).rejects.toThrow(
        PayloadTooLargeException,
      );
    });
  });

  describe('415', () => {
    it.each([
      ['text/plain', 'text/plain'],
      ['form data', 'application/x-www-form-urlencoded'],
      ['a JSON-suffixed type', 'application/merge-patch+json'],
      ['a prefix of application/json', 'application/jsonx'],
      ['a non-UTF-8 charset', 'application/json; charset=latin1'],
      ['UTF-16', 'application/json; charset=utf-16'],
    ])('refuses %s', async (_label, contentType) => {
      await expect(reader.read(body('{"title":"a"}', contentType), CreateTaskDto)).rejects.toThrow(
        UnsupportedMediaTypeException,
      );
    });

    it('refuses bytes sent without a content type', async () => {
      await expect(reader.read(body('{"title":"a"}', null), CreateTaskDto)).rejects.toThrow(
        UnsupportedMediaTypeException,
      );
    });

    it('answers 415 before judging the JSON', async () => {
      await expect(reader.read(body('not json', 'text/plain'), CreateTaskDto)).rejects.toThrow(UnsupportedMediaTypeException);
    });
  });

  describe('400', () => {
    it.each([
      ['truncated JSON', '{"title":'],
      ['a trailing comma', '{"title":"a",}'],
      ['single quotes', "{'title':'a'}"],
      ['two documents', '{"title":"a"}{"title":"b"}'],
    ])('refuses malformed JSON (%s)', async (_label, text) => {
      const error = await invalid(reader.read(body(text), CreateTaskDto));

      expect(error.message).toBe('The body is malformed JSON.');
      expect(error.errors).toEqual([{ field: '', message: 'is not valid UTF-8 JSON' }]);
    });

    it('refuses invalid UTF-8', async () => {
      const bytes = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);

      const error = await invalid(reader.read(body(bytes), CreateTaskDto));

      expect(error.message).toBe('The body is malformed JSON.');
    });

    it.each([
      ['an array', '[{"title":"a"}]'],
      ['a string', '"a"'],
      ['a number', '1'],
      ['null', 'null'],
    ])('refuses a body that is %s', async (_label, text) => {
      const error = await invalid(reader.read(body(text), CreateTaskDto));

      expect(error.errors).toEqual([{ field: '', message: 'must be a JSON object' }]);
    });

    it('names an unknown field', async () => {
      const error = await invalid(reader.read(body('{"title":"a","userId":"someone"}'), CreateTaskDto));

      expect(error.errors).toEqual([{ field: 'userId', message: 'is not an accepted field' }]);
    });

    it.each(['__proto__', 'constructor', 'toString'])('names the field %s', async (key) => {
      const error = await invalid(reader.read(body(`{"title":"a","${key}":{"completed":"yes"}}`), CreateTaskDto));

      expect(error.errors).toContainEqual({ field: key, message: 'is not an accepted field' });
    });

    it.each(['{"__proto__":{}}', '{"constructor":null}', '{"title":"a","constructor":{"name":"x"}}'])(
      'refuses %s before validation can trip over it (a 400, never a TypeError)',
      async (json) => {
        const error = await invalid(reader.read(body(json), CreateTaskDto));

        expect(error).toBeInstanceOf(InvalidRequestException);
        expect(error.errors.map((fieldError) => fieldError.field)).toEqual([Object.keys(JSON.parse(json)).at(-1)]);
      },
    );

    it('lists every invalid field', async () => {
      const error = await invalid(reader.read(body('{"title":"","priority":"urgent","dueDate":"2026-02-30"}'), CreateTaskDto));

      expect(error.errors.map((fieldError) => fieldError.field).sort()).toEqual(['dueDate', 'priority', 'title']);
    });

    it('requires a body in read()', async () => {
      const error = await invalid(reader.read(body('', JSON_TYPE), CreateTaskDto));

      expect(error.message).toBe('A JSON body is required.');
    });
  });

  describe('readOptional', () => {
    it('returns undefined when there is no body object at all', async () => {
      await expect(reader.readOptional(undefined, CreateTaskDto)).resolves.toBeUndefined();
    });

    it('returns undefined for an empty body without a content type', async () => {
      await expect(reader.readOptional(body('', null), CreateTaskDto)).resolves.toBeUndefined();
    });

    it('returns undefined for an empty JSON body', async () => {
      await expect(reader.readOptional(body('', JSON_TYPE), CreateTaskDto)).resolves.toBeUndefined();
    });

    it('still refuses an empty body of another media type', async () => {
      await expect(reader.readOptional(body('', 'text/plain'), CreateTaskDto)).rejects.toThrow(UnsupportedMediaTypeException);
    });

    it('validates a body that is there', async () => {
      await expect(reader.readOptional(body('{}'), CreateTaskDto)).rejects.toThrow(InvalidRequestException);
    });
  });
});
