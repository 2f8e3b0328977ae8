import type { BrpBron } from '../../adapters/brp/port';
import { assertBsn } from '../../lib/domain/bsn';
import { AppError } from '../../lib/errors';
import type { Register } from '../../policies/types';
import { bereikVan } from '../policy/guards';
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
    soort: (a['jf.soort'] as string | undefined) ?? null,
    wijzigingen: (a['jf.wijzigingen'] as string[] | undefined) ?? [],
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
   * The BRP, for the municipality a person lives in, so a privacy officer reads every record
   * about their own residents. Failing: only their own organisation's records (fail closed).
   */
  brp: BrpBron;
}

export function inzageSubgraph({ audit, register, pseudonym, brp }: InzageOptions): SubgraphDefinition<Context> {
  /** Exact activity-version URIs for an id (every version) or one URI. */
  const versies = (activiteit: string): string[] => {
    if (register.activiteiten.some((a) => a.uri === activiteit)) return [activiteit];
    const uris = register.activiteiten.filter((a) => a.id === activiteit).map((a) => a.uri);
    if (!uris.length) throw new AppError('BAD_USER_INPUT', `no processing activity "${activiteit}" in the register`, { argument: 'filter.activiteit' });
    return uris;
  };
  return {
    name: 'inzage',
    typeDefs: subgraphTypeDefs('inzage'),
    feiten: {
      // An unreachable BRP leaves the privacy officer with their own organisation's records (fail closed).
      brp: async (bsns) => {
        const personen = await brp.personen(bsns).catch(() => new Map());
        return new Map(bsns.map((b) => { const p = personen.get(b); return [b, p ? { gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum } : null]; }));
      },
    },
    context: () => ({}),
    resolvers: {
      Query: {
        // The privacy officer's reach (own organisation; every record of a resident) is decided by the guard.
        logboek: async (_: unknown, args: { filter: { bsn?: string; activiteit?: string; traceId?: string; soort?: string }; eerste: number }) => {
          const { filter, eerste } = args;
          const organisatie = bereikVan<{ organisatie: string | null }>(args).organisatie ?? undefined;
          if (!filter.bsn && !filter.activiteit && !filter.traceId && !(filter.soort && organisatie)) {
            throw new AppError('BAD_USER_INPUT', 'the filter needs a bsn, an activiteit, a traceId or a soort', { argument: 'filter' });
          }
          const bsn = filter.bsn ? assertBsn(filter.bsn, 'filter.bsn') : undefined;
          const records = await audit.query({
            dataSubjectId: bsn ? pseudonym(bsn) : undefined,
            processingActivityIds: filter.activiteit ? versies(filter.activiteit) : undefined,
            traceId: filter.traceId ?? undefined,
            soort: filter.soort ?? undefined,
            organisatie,
          }, limiet(eerste));
          return records.map((r) => toLogregel(r, register));
        },
        // Only the young person's own records (the guard's ZELF rule gives whose).
        mijnLogboek: async (_: unknown, args: { eerste: number }) => {
          const records = await audit.query({ dataSubjectId: pseudonym(bereikVan<{ bsn: string }>(args).bsn) }, limiet(args.eerste));
          return records.map((r) => toLogregel(r, register));
        },
      },
    },
  };
}
