import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** The status for an error Node's HTTP parser or timers raised: what Node itself would answer. */
export function clientErrorStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

/**
 * A `clientError` listener for `http.Server`: answers with `body(status)` as
 * problem+json and the given headers (each server's security headers), then
 * closes the connection. A response already under way cannot be replaced,
 * and a reset connection has nobody to answer: both are just closed.
 */
export function answerClientError(headers: Readonly<Record<string, string>>, body: (status: number) => string) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (error.code !== 'ECONNRESET' && socket.writable && !started) {
      const status = clientErrorStatus(error);
      const text = body(status);
      const lines = [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        ...Object.entries({ ...headers, 'content-type': 'application/problem+json; charset=utf-8' }).map(([name, value]) => `${name}: ${value}`),
        `content-length: ${Buffer.byteLength(text)}`,
        'connection: close',
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n${text}`);
    }
    socket.destroy();
  };
}

/** RFC 9112 §3.2: a request with more than one Host field line is a 400. */
export function hasDuplicateHost(rawHeaders: readonly string[]): boolean {
  let hosts = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index].length === 4 && rawHeaders[index].toLowerCase() === 'host' && ++hosts > 1) return true;
  }
  return false;
}
