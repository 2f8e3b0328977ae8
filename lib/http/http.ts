import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { logFout } from '../observability/veilig-log';
import type { AddressInfo } from 'node:net';

export interface Reply { status?: number; body: unknown; contentType?: string }
export interface RouteRequest { body: unknown; query: URLSearchParams; params: Record<string, string>; headers: IncomingMessage['headers'] }
export interface Route { method: 'GET' | 'POST'; path: string; handle(req: RouteRequest): Reply | Promise<Reply> }

/**
 * Faults a simulator can be told to inject, at run time, for tests of timeouts and outages.
 * `mode`: `ok` answers normally; `error` answers 500; `hang` never answers (until closed);
 * `invalid` answers 200 with JSON of another shape; `garbage` answers 200 with a body that is not JSON.
 */
export interface Faults { latencyMs: number; mode: 'ok' | 'error' | 'hang' | 'invalid' | 'garbage' }

/** An HTTP server for a simulated source system, with per-route call counts and fault injection. */
export interface SimulatorServer {
  readonly name: string;
  readonly server: Server;
  /** Calls per route (`POST /personen`), counted before faults apply. */
  readonly calls: Map<string, number>;
  faults: Faults;
  resetCalls(): void;
  callCount(route?: string): number;
  /**
   * Builds what the system keeps ready in production (reporting tables, search indexes), so the
   * first request is not the one that pays for it. Resolves when the simulator is ready.
   */
  warm(): Promise<void>;
}

const MAX_BODY = 1_000_000;

/** Problem details (RFC 9457) as the simulators return them. */
export function problem(status: number, title: string, detail?: string, code?: string): Reply {
  return { status, contentType: 'application/problem+json', body: { status, title, ...(detail ? { detail } : {}), ...(code ? { code } : {}) } };
}

export function createSimulatorServer(name: string, routes: Route[], warmers: (() => unknown)[] = []): SimulatorServer {
  const compiled = routes.map((r) => ({ ...r, key: `${r.method} ${r.path}`, regex: pathRegex(r.path) }));
  const hanging = new Set<ServerResponse>();
  let warmed = warmers.length === 0;
  const sim: SimulatorServer = {
    name,
    calls: new Map(),
    faults: { latencyMs: 0, mode: 'ok' },
    resetCalls: () => sim.calls.clear(),
    callCount: (route) => (route ? sim.calls.get(route) ?? 0 : [...sim.calls.values()].reduce((a, b) => a + b, 0)),
    warm: async () => {
      for (const warmer of warmers) {
        warmer();
        await new Promise((r) => setImmediate(r)); // let other work run between tables
      }
      warmed = true;
    },
    server: createServer((req, res) => {
      handle(req, res).catch((error) => {
        console.error(logFout(`[${name}] unexpected error`, error));
        send(res, problem(500, 'Internal error'));
      });
    }),
  };
  keepAliveLonger(sim.server);
  sim.server.on('close', () => hanging.forEach((res) => res.destroy()));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Probes for supervisors and orchestrators: alive, and ready once the warm-up is done.
    if (req.method === 'GET' && url.pathname === '/healthz') return send(res, { body: { status: 'ok' } });
    if (req.method === 'GET' && url.pathname === '/readyz') return send(res, warmed ? { body: { status: 'ready' } } : { status: 503, body: { status: 'warming up' } });
    const route = compiled.find((r) => r.method === req.method && r.regex.test(url.pathname));
    if (!route) return send(res, problem(404, 'Not found', `${req.method} ${url.pathname}`));
    sim.calls.set(route.key, (sim.calls.get(route.key) ?? 0) + 1);
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body instanceof Error) return send(res, problem(400, 'Invalid JSON body', body.message));
    if (sim.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, sim.faults.latencyMs));
    if (sim.faults.mode === 'hang') { hanging.add(res); res.on('close', () => hanging.delete(res)); return; }
    if (sim.faults.mode === 'error') return send(res, problem(500, 'Injected fault'));
    if (sim.faults.mode === 'invalid') return send(res, { body: { onverwacht: 'antwoord', items: 'geen lijst' } });
    if (sim.faults.mode === 'garbage') return send(res, { contentType: 'application/json', body: '<html><body>Gepland onderhoud</body></html>' });
    const params = route.regex.exec(url.pathname)!.groups ?? {};
    send(res, await route.handle({ body, query: url.searchParams, params, headers: req.headers }));
  }
  return sim;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const contentType = reply.contentType ?? 'application/json';
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function pathRegex(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return new Error(`body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch (error) {
    return error as Error;
  }
}

/** Listens on loopback (port 0 picks a free one) and resolves with the base URL. */
export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/**
 * Keeps idle connections open longer than clients do (undici closes at the server's announced
 * timeout minus a second), so a client never sends a request on a socket the server is closing at
 * that moment ("other side closed") — which happened when a busy event loop fired both timers late.
 */
export function keepAliveLonger(server: { keepAliveTimeout: number; headersTimeout: number }): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
