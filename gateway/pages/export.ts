import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import { ErrorCodes, type ErrorCode } from '../../lib/errors';
import type { AuditStore } from '../../stores/audit';
import { logregel } from '../../stores/logregel';
import type { Toegang } from '../policy/activity';

/** Runs one GraphQL operation for an authenticated caller through the whole gateway (filter, plan, subgraphs). */
export type Uitvoerder = (req: IncomingMessage, query: string, variables: Record<string, unknown>) =>
  Promise<{ toegang: Toegang; data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;

export interface ExportOptions {
  uitvoeren: Uitvoerder;
  audit?: AuditStore;
  log?: (line: string) => void;
}

const KOLOMMEN = ['regio', 'regionaam', 'periode', 'indicator', 'leeftijd', 'waarde', 'onderdrukt', 'bescherming'];
const fout = (res: ServerResponse, code: ErrorCode, message: string) => {
  res.writeHead(ErrorCodes[code]?.http ?? 400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

/**
 * `GET /monitor/export.csv?regio=GM0518,DP-HAAGLANDEN&periode=2026-10[&indicatoren=a,b]`: the
 * monitor's figure table as CSV for BI tools that do not speak GraphQL. It is the same GraphQL
 * operation through the same gateway (token, activity header, legal-basis filter, the analyst's
 * own regions, disclosure control), and the export itself is written to the audit log before the
 * file leaves (fail closed).
 */
export function csvExport(o: ExportOptions): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  return async (req, res, path) => {
    if (path !== '/monitor/export.csv') return false;
    if (req.method !== 'GET') { res.setHeader('allow', 'GET'); fout(res, 'METHOD_NOT_ALLOWED', 'the export is a GET'); return true; }
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const regios = (params.get('regio') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const periode = params.get('periode') ?? '';
    const indicatoren = params.get('indicatoren')?.split(',').map((i) => i.trim()).filter(Boolean) ?? null;
    if (!regios.length || regios.length > 10 || !regios.every((r) => /^[A-Z0-9-]{3,40}$/.test(r))) { fout(res, 'BAD_USER_INPUT', 'regio must name 1 to 10 region codes, comma-separated'); return true; }
    const query = `query Export($p: String!, $i: [String!]) { monitorBescherming { toelichting } ${regios.map((r, n) => `r${n}: regio(code: "${r}") { code naam cijfers(periode: $p, indicatoren: $i) { indicator leeftijd waarde onderdrukt } }`).join(' ')} }`;
    let uitkomst: Awaited<ReturnType<Uitvoerder>>;
    try {
      uitkomst = await o.uitvoeren(req, query, { p: periode, i: indicatoren });
    } catch (error) {
      const code = ((error as { extensions?: { code?: string } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR') as ErrorCode;
      fout(res, code in ErrorCodes ? code : 'INTERNAL_SERVER_ERROR', code in ErrorCodes ? (error as Error).message : 'Internal server error');
      return true;
    }
    const eerste = uitkomst.errors?.[0];
    if (eerste) {
      const code = (eerste.extensions?.code as ErrorCode) ?? 'INTERNAL_SERVER_ERROR';
      fout(res, code in ErrorCodes ? code : 'BAD_USER_INPUT', eerste.message);
      return true;
    }
    const rijen: unknown[][] = [];
    // Every row says how its value is protected (perturbed, small values not shown), so the file cannot travel without it.
    const { monitorBescherming, ...regioData } = (uitkomst.data ?? {}) as Record<string, unknown> & { monitorBescherming?: { toelichting: string } | null };
    const bescherming = monitorBescherming?.toelichting ?? '';
    for (const r of Object.values(regioData) as ({ code: string; naam: string; cijfers: { indicator: string; leeftijd: string; waarde: number | null; onderdrukt: boolean }[] } | null)[]) {
      if (!r) continue;
      for (const c of r.cijfers) rijen.push([r.code, r.naam, periode, c.indicator, c.leeftijd, c.waarde ?? '', c.onderdrukt ? 'ja' : 'nee', bescherming]);
    }
    if (o.audit) {
      const nu = new Date().toISOString();
      const t = uitkomst.toegang;
      try {
        await o.audit.append([logregel({
          trace: { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), parentSpanId: null }, service: 'gateway', operation: 'export',
          start: nu, end: nu, mislukt: false, activiteit: t.activiteit, wie: { medewerker: t.principal.medewerker, rol: t.rol, organisatie: t.principal.organisatie }, subject: '',
          extra: { 'jf.categorieen.verstrekt': ['aggregaat'], 'jf.categorieen.geweigerd': {}, 'jf.export': { regios, periode, indicatoren, rijen: rijen.length } },
        })]);
      } catch (error) {
        (o.log ?? console.error)(`gateway: export not audited, refused: ${(error as Error).message}`);
        fout(res, 'AUDIT_UNAVAILABLE', 'the export could not be written to the audit log, so it is not served');
        return true;
      }
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="cijfers-${periode}.csv"`, 'cache-control': 'no-store' });
    res.end(stringify([KOLOMMEN, ...rijen]));
    return true;
  };
}
