import { join } from 'node:path';
import { assertBsn } from '../../lib/bsn';
import { AppError } from '../../lib/errors';
import { toegestaneCategorieen } from '../../policies/register';
import type { Register } from '../../policies/types';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';

type Context = PolicyContext;
const REDEN: Record<string, string> = { GEEN_GRONDSLAG: 'NO_LEGAL_BASIS', GEEN_TOESTEMMING: 'NO_CONSENT', BUITEN_BEREIK: 'OUT_OF_SCOPE', ONVERIFIEERBAAR: 'SCOPE_UNVERIFIABLE', FILTER_NIET_TOEGESTAAN: 'FILTER_NOT_ALLOWED' };

export function toLogregel(r: AuditRecord, register: Register) {
  const a = r.attributes;
  const activiteit = register.activiteiten.find((x) => x.uri === a['dpl.core.processing_activity_id']);
  return {
    tijdstip: r.start_time, traceId: r.trace_id, spanId: r.span_id, parentSpanId: r.parent_span_id, dienst: r.resource['service.name'],
    activiteit: a['dpl.core.processing_activity_id'], activiteitNaam: activiteit?.naam ?? null, grondslag: a['jf.grondslag'] ?? null,
    medewerker: a['jf.medewerker'] ?? null, rol: a['jf.rol'] ?? null, organisatie: a['jf.organisatie'] ?? null,
    categorieenVerstrekt: (a['jf.categorieen.verstrekt'] as string[]) ?? [],
    categorieenGeweigerd: Object.entries((a['jf.categorieen.geweigerd'] as Record<string, string>) ?? {}).map(([categorie, reden]) => ({ categorie, reden: REDEN[reden] ?? reden })),
    status: r.status_code === 1 ? 'OK' : r.status_code === 2 ? 'ERROR' : 'UNSET',
  };
}

function limiet(eerste: number): number {
  if (!Number.isInteger(eerste) || eerste < 1 || eerste > 500) throw new AppError('BAD_USER_INPUT', `eerste must be 1-500; received ${eerste}`, { argument: 'eerste' });
  return eerste;
}

/** Inzage in the audit log: the privacy officer by subject, activity or trace; the young person for themselves. */
export interface InzageOptions {
  audit: AuditStore;
  register: Register;
  pseudonym: (bsn: string) => string;
  /**
   * The municipality a person lives in (from the BRP), so a privacy officer reads every record
   * about their own residents; null when unknown. Absent or failing: only their own
   * organisation's records (fail closed).
   */
  woonplaats?: (bsn: string) => Promise<string | null>;
}

export function inzageSubgraph({ audit, register, pseudonym, woonplaats }: InzageOptions): SubgraphDefinition<Context> {
  const grants = (ctx: Context, categorie: string) => !ctx.beleid || toegestaneCategorieen(register, ctx.beleid.activiteit).has(categorie);
  /** Exact activity-version URIs for an id (every version) or one URI. */
  const versies = (activiteit: string): string[] => {
    if (register.activiteiten.some((a) => a.uri === activiteit)) return [activiteit];
    const uris = register.activiteiten.filter((a) => a.id === activiteit).map((a) => a.uri);
    if (!uris.length) throw new AppError('BAD_USER_INPUT', `no processing activity "${activiteit}" in the register`, { argument: 'filter.activiteit' });
    return uris;
  };
  /**
   * The FG's reach: the records of their own organisation's processing, and for a person who
   * lives in their municipality, every record about that person.
   */
  const bereik = async (ctx: Context, bsn: string | undefined): Promise<string | undefined> => {
    const eigen = ctx.beleid?.interne.organisatie ?? undefined;
    if (!eigen || !bsn || !woonplaats) return eigen;
    const gemeente = await woonplaats(bsn).catch(() => null);
    return gemeente === eigen ? undefined : eigen;
  };
  return {
    name: 'inzage',
    typeDefs: subgraphTypeDefs('inzage'),
    context: () => ({}),
    resolvers: {
      Query: {
        logboek: async (_: unknown, { filter, eerste }: { filter: { bsn?: string; activiteit?: string; traceId?: string }; eerste: number }, ctx: Context) => {
          if (!grants(ctx, 'audit')) throw new AppError('NO_LEGAL_BASIS', 'the activity grants no access to the audit log', { category: 'audit' });
          if (!filter.bsn && !filter.activiteit && !filter.traceId) {
            throw new AppError('BAD_USER_INPUT', 'the filter needs a bsn, an activiteit or a traceId', { argument: 'filter' });
          }
          const bsn = filter.bsn ? assertBsn(filter.bsn, 'filter.bsn') : undefined;
          const records = await audit.query({
            dataSubjectId: bsn ? pseudonym(bsn) : undefined,
            processingActivityIds: filter.activiteit ? versies(filter.activiteit) : undefined,
            traceId: filter.traceId ?? undefined,
            organisatie: await bereik(ctx, bsn),
          }, limiet(eerste));
          // Reading a person's log is itself a processing of their data.
          if (bsn) ctx.beleid?.registreer(bsn, 'audit', { uitkomst: 'TOEGESTAAN' });
          return records.map((r) => toLogregel(r, register));
        },
        mijnLogboek: async (_: unknown, { eerste }: { eerste: number }, ctx: Context) => {
          const bsn = ctx.beleid?.interne.bsn;
          if (!bsn || !ctx.beleid!.activiteit.voorwaarden.alleenEigenGegevens || !grants(ctx, 'audit.eigen')) {
            throw new AppError('NO_LEGAL_BASIS', 'only the young person can read their own log', { category: 'audit.eigen' });
          }
          const records = await audit.query({ dataSubjectId: pseudonym(bsn) }, limiet(eerste));
          ctx.beleid!.registreer(bsn, 'audit.eigen', { uitkomst: 'TOEGESTAAN' });
          return records.map((r) => toLogregel(r, register));
        },
      },
    },
  };
}
