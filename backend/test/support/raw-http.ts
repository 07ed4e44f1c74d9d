import { Agent, IncomingHttpHeaders, OutgoingHttpHeaders, request } from 'node:http';

/** What came back, with the body as text. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Milliseconds from sending to the end of the answer. */
  ms: number;
}

export interface RawRequest {
  method: string;
  /** Sent as is (already percent-encoded): no normalisation, unlike fetch. */
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  timeoutMs?: number;
}

/**
 * One HTTP request over a real socket with node:http, so odd paths, header
 * values and bodies reach the server byte for byte. Resolves with the answer
 * even when the server closes the connection before the whole body was sent
 * (it may answer 401 or 413 without reading it).
 */
export function rawRequest(origin: { host: string; port: number }, spec: RawRequest, agent?: Agent): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers: OutgoingHttpHeaders = { ...(spec.headers ?? {}) };
    if (spec.body && !spec.chunked) headers['content-length'] = String(spec.body.length);
    const req = request({ host: origin.host, port: origin.port, method: spec.method, path: spec.path, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.setTimeout(spec.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer within ${spec.timeoutMs ?? 10_000} ms`)));
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (spec.body && spec.chunked) {
      for (let offset = 0; offset < spec.body.length; offset += 16 * 1024) req.write(spec.body.subarray(offset, offset + 16 * 1024));
      req.end();
    } else {
      req.end(spec.body);
    }
  });
}
