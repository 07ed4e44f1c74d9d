import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { answerClientError, hasDuplicateHost } from './client-errors';

/** Sends raw bytes and collects everything the server writes back until it closes. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('answerClientError', () => {
  let server: Server;
  let port: number;
  beforeAll((done) => {
    server = createServer({ requestTimeout: 300, headersTimeout: 300, connectionsCheckingInterval: 50, maxHeaderSize: 1024 }, (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    server.on('clientError', answerClientError({ 'x-content-type-options': 'nosniff' }, (status) => JSON.stringify({ status })));
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      done();
    });
  });
  afterAll((done) => {
    server.close(done);
  });

  it.each([
    ['malformed framing', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n', 400],
    ['an unknown method', 'BREW / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['headers over the limit', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(2048)}\r\n\r\n`, 431],
    ['a body that never arrives', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab', 408],
  ])('answers %s as problem+json with the given headers, then closes', async (_name, bytes, status) => {
    const answer = await exchange(port, bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(answer).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/);
    expect(answer).toMatch(/\r\nx-content-type-options: nosniff\r\n/);
    expect(answer).toMatch(/\r\nconnection: close\r\n/);
    expect(answer.endsWith(JSON.stringify({ status }))).toBe(true);
  });
});

describe('hasDuplicateHost', () => {
  it('finds a second Host field, in any case', () => {
    expect(hasDuplicateHost(['Host', 'a', 'Accept', '*/*'])).toBe(false);
    expect(hasDuplicateHost(['Host', 'a', 'host', 'b'])).toBe(true);
    expect(hasDuplicateHost(['HOST', 'a', 'Host', 'a'])).toBe(true);
  });
});
