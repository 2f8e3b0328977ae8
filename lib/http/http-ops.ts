import type { IncomingMessage, ServerResponse } from 'node:http';
import corsMiddleware from 'cors';
import type { Metrics } from '../observability/metrics';

/** What `/readyz` reports: ready only when every check is. */
export interface Readiness { ready: boolean; checks: Record<string, { ok: boolean; reason?: string }> }

/**
 * Operational endpoints every service answers besides GraphQL: `/healthz` (the process is
 * alive), `/readyz` (its stores, subgraphs and sources are reachable, with reasons), `/metrics`
 * (Prometheus). And CORS for browsers, off unless origins are configured.
 */
export interface OpsOptions {
  readiness?: () => Promise<Readiness>;
  metrics?: Metrics;
  /** Origins allowed to call from a browser (exact, e.g. https://loket.gemeente.nl). Default: none (same-origin only). */
  corsOrigins?: string[];
  /** Pages this service serves besides GraphQL (the gateway's `/loket`); returns whether it answered. */
  pages?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Handles the request when it is an operational one (or a CORS preflight); returns whether it did. */
export function createOps(options: OpsOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const origins = options.corsOrigins ?? [];
  const cors = origins.length ? corsMiddleware({
    origin: origins, methods: ['POST'], maxAge: 600,
    allowedHeaders: ['authorization', 'content-type', 'x-verwerkingsactiviteit', 'traceparent', 'apollo-require-preflight'],
    exposedHeaders: ['traceparent', 'retry-after'],
  }) : null;
  return async (req, res) => {
    if (cors) {
      await new Promise<void>((resolve) => cors(req as never, res as never, () => resolve()));
      if (res.writableEnded) return true; // a preflight, answered by cors
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (options.pages && await options.pages(req, res)) return true;
    if (req.method !== 'GET') return false;
    if (path === '/healthz') { json(res, 200, { status: 'ok' }); return true; }
    if (path === '/readyz') {
      const r = options.readiness ? await options.readiness().catch((e: Error) => ({ ready: false, checks: { readiness: { ok: false, reason: e.message } } })) : { ready: true, checks: {} };
      json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks });
      return true;
    }
    if (path === '/metrics' && options.metrics) {
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
      res.end(await options.metrics.registry.metrics());
      return true;
    }
    return false;
  };
}
