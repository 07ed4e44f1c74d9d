import { PassThrough, Readable } from 'node:stream';
import { BodyAbortedError, UnreadBody } from './unread-body';

describe('UnreadBody.read', () => {
  it('resolves the bytes of every chunk', async () => {
    const body = new UnreadBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 'text/plain', undefined);

    await expect(body.read(10)).resolves.toEqual(Buffer.from('abcd'));
  });

  it('resolves an empty buffer for an empty stream', async () => {
    await expect(new UnreadBody(Readable.from([]), undefined, undefined).read(10)).resolves.toEqual(Buffer.alloc(0));
  });

  it('resolves a body of exactly the limit', async () => {
    await expect(new UnreadBody(Readable.from([Buffer.alloc(10)]), undefined, 10).read(10)).resolves.toHaveLength(10);
  });

  it('resolves null when the declared length exceeds the limit, without reading', async () => {
    const stream = new PassThrough();
    stream.write('{"title":"a"}');
    const body = new UnreadBody(stream, undefined, 11);

    await expect(body.read(10)).resolves.toBeNull();
    // Not a byte was taken: the body is still in the stream.
    expect(stream.read()?.toString()).toBe('{"title":"a"}');
  });

  it('resolves null once the streamed bytes exceed the limit, counting bytes not characters', async () => {
    // 6 characters, 12 bytes.
    const body = new UnreadBody(Readable.from([Buffer.from('éééééé', 'utf8')]), undefined, undefined);

    await expect(body.read(10)).resolves.toBeNull();
  });

  it('stops reading the stream once over the limit', async () => {
    const stream = new PassThrough();
    const body = new UnreadBody(stream, undefined, undefined);
    const reading = body.read(3);

    stream.write(Buffer.from('abcd'));

    await expect(reading).resolves.toBeNull();
    // What arrives after that is left in the stream, unread.
    stream.write(Buffer.from('rest'));
    expect(stream.read()?.toString()).toBe('rest');
  });

  it('rejects with BodyAbortedError when the client gives up mid-body (a 400, not an outage)', async () => {
    const stream = new PassThrough();
    const reading = new UnreadBody(stream, undefined, undefined).read(10);
    stream.write('{"ti');

    stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));

    await expect(reading).rejects.toBeInstanceOf(BodyAbortedError);
  });
});
