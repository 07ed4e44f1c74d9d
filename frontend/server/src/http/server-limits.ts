import { answerClientError } from '@taskgate/client-errors';
import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import { problemBody } from './problem';

/** A request must have arrived whole, headers and body, within this time: else 408. */
export const REQUEST_TIMEOUT_MS = 30_000;

// The API's own answers carry helmet's headers; these are the ones that
// matter for a problem+json Node's parser makes us write by hand.
const CLIENT_ERROR_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * The HTTP server for the app, with bounded waits: a request that has not
 * sent its headers and body within {@link REQUEST_TIMEOUT_MS} (a body dripped
 * a byte at a time) is answered 408 and closed, checked every second; what
 * Node's parser refuses before Express sees it is answered as problem+json
 * (see libs/client-errors).
 */
export function createHttpServer(app: RequestListener, requestTimeoutMs = REQUEST_TIMEOUT_MS): Server {
  const server = createServer(
    { requestTimeout: requestTimeoutMs, headersTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, requestTimeoutMs) },
    app,
  );
  server.on(
    'clientError',
    answerClientError(CLIENT_ERROR_HEADERS, (status) =>
      problemBody('', { status, code: (STATUS_CODES[status] ?? 'Bad Request').toUpperCase().replace(/ /g, '_'), message: STATUS_CODES[status] ?? 'Bad Request' }),
    ),
  );
  return server;
}
