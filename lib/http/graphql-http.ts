import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { MutualTls } from './mtls';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import { keepAliveLonger, listen } from './http';
import { createOps, type OpsOptions } from './http-ops';
import { logFout } from '../observability/veilig-log';

/** Largest request body accepted by default (a client's GraphQL operation with its variables). */
export const MAX_BODY = 1_000_000;
/**
 * Largest body a subgraph accepts from the gateway: an `_entities` fetch for a page of 1,000
 * people carries each person's representation with its signed policy facts (about 1 kB each).
 */
export const MAX_BODY_SUBGRAPH = 8_000_000;

function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(errorBody(code, message));
}

async function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves an Apollo Server over node:http (Apollo's integration API, executeHTTPGraphQLRequest).
 * Unlike the standalone server, a malformed body gets a JSON error with a stable code, never an
 * HTML page with a stack trace.
 */
export async function serveGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  options: {
    port: number; host: string; context: ContextFunction<[{ req: IncomingMessage; body: string }], C>;
    /** Serve HTTPS and accept only clients with a certificate from the same CA (mutual TLS). */
    tls?: MutualTls;
    /** `/healthz`, `/readyz`, `/metrics` and CORS. */
    ops?: OpsOptions;
    /** Largest request body in bytes; default MAX_BODY (a client's operation). */
    maxBodyBytes?: number;
  },
): Promise<RunningHttp> {
  await server.start();
  const ops = createOps(options.ops ?? {});
  let inFlight = 0;
  let draining = false;
  const idle = new Set<() => void>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.on('close', () => { if (--inFlight === 0) idle.forEach((f) => f()); });
    // While draining, a kept-alive connection gets its answer and is then closed.
    if (draining) res.setHeader('connection', 'close');
    handle(req, res).catch((error) => {
      console.error(logFout('graphql-http: unexpected error', error));
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  };
  const http: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: true, rejectUnauthorized: true }, onRequest)
    : createServer(onRequest);
  keepAliveLonger(http);
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await ops(req, res)) return;
    // Only POST: a query in a URL ends up in proxy and server logs, and GET invites CSRF.
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'send GraphQL operations with POST and a JSON body');
    }
    let body: unknown;
    let raw = '';
    if (req.method === 'POST') {
      const text = await readBody(req, options.maxBodyBytes ?? MAX_BODY);
      if (text === null) {
        // The rest of the body is not read: close this connection rather than leave it half-read for reuse.
        res.setHeader('connection', 'close');
        res.on('finish', () => req.destroy());
        return sendError(res, 413, 'BAD_REQUEST', `the request body may be at most ${options.maxBodyBytes ?? MAX_BODY} bytes`);
      }
      raw = text;
      const type = headers.get('content-type') ?? '';
      if (type.includes('json')) {
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          return sendError(res, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
        }
      } else body = text;
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context({ req, body: raw }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') { res.end(response.body.string); return; }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
  const url = `${(await listen(http, options.port, options.host)).replace(/^http:/, options.tls ? 'https:' : 'http:')}/`;
  return {
    url,
    async stop(graceMs = 10_000) {
      // Stop accepting; let what is in flight finish (within the grace period); then close.
      draining = true;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections?.();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          const done = () => { clearTimeout(timer); idle.delete(done); resolve(); };
          idle.add(done);
        });
      }
      http.closeAllConnections?.();
      await closed;
      await server.stop();
    },
  };
}

/** A running GraphQL server. */
export interface RunningHttp {
  url: string;
  /** Graceful: stops accepting, finishes in-flight requests within `graceMs` (default 10 s), then closes. */
  stop(graceMs?: number): Promise<void>;
}
