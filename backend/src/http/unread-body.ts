import type { Readable } from 'node:stream';

/** The client stopped sending its body (aborted or reset the connection): a client event, not an outage. */
export class BodyAbortedError extends Error {
  override readonly name = 'BodyAbortedError';
  constructor() {
    super('The request body did not arrive whole.');
  }
}

/**
 * A request body Fastify has not read. The backend replaces Fastify's body
 * parsers with one that hands this on untouched, so a body is read (and its
 * size, media type and syntax judged) only after the guards have passed: API.md
 * answers 401, 403 and 429 before 413, 415 and 400, and an unauthenticated
 * caller never gets to make the server buffer anything.
 */
export class UnreadBody {
  constructor(
    readonly stream: Readable,
    /** The raw `Content-Type` header, if any. */
    readonly contentType: string | undefined,
    /** The declared `Content-Length`, if any. */
    readonly declaredLength: number | undefined,
  ) {}

  /**
   * Reads at most `limit` bytes. Resolves `null` when the body is longer;
   * the rest is left for Node to discard once the answer is sent. Rejects
   * with {@link BodyAbortedError} when the client gives up mid-body.
   */
  read(limit: number): Promise<Buffer | null> {
    if (this.declaredLength !== undefined && this.declaredLength > limit) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const cleanup = () => {
        this.stream.off('data', onData);
        this.stream.off('end', onEnd);
        this.stream.off('error', onError);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          cleanup();
          this.stream.pause();
          resolve(null);
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        cleanup();
        resolve(Buffer.concat(chunks, size));
      };
      const onError = () => {
        cleanup();
        reject(new BodyAbortedError());
      };
      this.stream.on('data', onData);
      this.stream.on('end', onEnd);
      this.stream.on('error', onError);
    });
  }
}
