import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { DevIssuer } from '../auth/dev-issuer';
import { huidigeVersie } from '../../policies/register';
import type { Register } from '../../policies/types';

/** A demo identity the development sign-in offers (only on the explicit switch, never in production). */
export interface DemoIdentiteit { label: string; rol: string; org?: string; bsn?: string; activiteit: string }

/** What the Jongerenloket page needs from the gateway. */
export interface PaginaOptions {
  register: Register;
  /** Today (for the activities in force). */
  clock: () => Date;
  /** The embedded development issuer: with it (and `demo`), the page offers demo identities. */
  devIssuer?: DevIssuer | null;
  /**
   * Offer the demo sign-in (demo identities, tokens from the development issuer). Only on this
   * explicit switch (`DEMO_AANMELDEN=true`, which `npm start` sets for the local demo) and only with
   * the development issuer in use; off by default, and refused at start with NODE_ENV=production.
   */
  demo?: boolean;
  demoIdentiteiten?: DemoIdentiteit[];
  /** The identity provider for a real sign-in (authorization code with PKCE, a public client). */
  oidc?: { issuer: string; clientId: string; scope?: string } | null;
  /** Further routes under the pages (the monitor's CSV export); return whether they answered. */
  routes?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

const PUBLIC = join(__dirname, 'public');
/** Every file the pages use, served from here or from node_modules (no CDN: the machines have no internet). */
const FILES: Record<string, string> = {
  '/loket': 'loket.html', '/loket/': 'loket.html', '/loket/loket.js': 'loket.js',
  '/monitor': 'monitor.html', '/monitor/': 'monitor.html', '/monitor/monitor.js': 'monitor.js',
  '/pagina/aanmelden.js': 'aanmelden.js', '/pagina/pagina.css': 'pagina.css', '/pagina/favicon.svg': 'favicon.svg',
  // Chart.js from npm (its package exports hide dist/ from require.resolve; it sits next to the main entry).
  '/monitor/chart.umd.js': join(dirname(require.resolve('chart.js')), 'chart.umd.js'),
};
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, idp?: string): void {
  res.writeHead(status, {
    'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
    // Only our own scripts and styles; the page talks to this gateway and, for sign-in, to the identity provider alone.
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'${idp ? ` ${idp}` : ''}; frame-ancestors 'none'; form-action 'self'`,
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) return null;
  }
  try { return JSON.parse(text) as Record<string, unknown>; } catch { return null; }
}

/**
 * The gateway's pages: the Jongerenloket (`/loket`) and the monitor (`/monitor`), their static
 * files, their configuration (`/pagina/config.json`: which activities ask consent for what,
 * whether demo identities are offered), and in development a demo sign-in that issues a
 * short-lived token from the embedded issuer for one of the configured demo identities.
 */
export function paginas(options: PaginaOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const demo = Boolean(options.devIssuer) && options.demo === true;
  const identiteiten = options.demoIdentiteiten ?? [];
  const idp = options.oidc ? new URL(options.oidc.issuer).origin : undefined;
  const cache = new Map<string, Buffer>();
  const file = (name: string) => {
    let b = cache.get(name);
    if (!b) cache.set(name, (b = readFileSync(name.startsWith('/') ? name : join(PUBLIC, name))));
    return b;
  };
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!/^\/(loket|monitor|pagina)(\/|$)/.test(path)) return false;
    if (req.method === 'GET' && FILES[path]) {
      send(res, 200, TYPES[FILES[path].split('.').pop()!], file(FILES[path]), idp);
      return true;
    }
    if (options.routes && await options.routes(req, res, path)) return true;
    if (req.method === 'GET' && path === '/pagina/config.json') {
      const dag = new Date(options.clock()).toISOString().slice(0, 10);
      const ids = [...new Set(options.register.activiteiten.map((a) => a.id))];
      const activiteiten = ids.map((id) => huidigeVersie(options.register, id, dag)).filter((a) => a !== undefined)
        .map((a) => ({ id: a.id, versie: a.versie, naam: a.naam, rollen: a.rollen, categorieen: a.categorieen, metToestemming: a.metToestemming }));
      const categorieen = Object.fromEntries([...options.register.categorieen.values()].map((c) => [c.id, c.omschrijving]));
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ demo, identiteiten: demo ? identiteiten : [], oidc: options.oidc ?? null, activiteiten, categorieen, vandaag: dag }));
      return true;
    }
    if (req.method === 'POST' && path === '/pagina/demo-aanmelding') {
      const body = await readJson(req);
      const gekozen = identiteiten[Number(body?.index)];
      if (!demo || !gekozen) {
        send(res, demo ? 400 : 404, 'application/json; charset=utf-8', JSON.stringify({ code: demo ? 'BAD_USER_INPUT' : 'NOT_FOUND', message: demo ? 'unknown demo identity' : 'no demo sign-in here' }));
        return true;
      }
      // Each demo identity is an employee of its own (two consultants of one desk are two people: four eyes).
      const token = await options.devIssuer!.sign({ sub: `demo-${gekozen.rol}-${Number(body?.index)}`, roles: [gekozen.rol], org: gekozen.org, bsn: gekozen.bsn }, { ttlSeconds: 3600, now: options.clock() });
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ token, identiteit: gekozen }));
      return true;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'niet gevonden');
    return true;
  };
}
