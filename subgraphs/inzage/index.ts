import { join } from 'node:path';
import { assertBsn } from '../../lib/bsn';
import { AppError } from '../../lib/errors';
import { toegestaneCategorieen } from '../../policies/register';
import type { Register } from '../../policies/types';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';

type Context = PolicyContext;
const REDEN: Record<string, string> = { GEEN_GRONDSLAG: 'NO_LEGAL_BASIS', GEEN_TOESTEMMING: 'NO_CONSENT', BUITEN_BEREIK: 'OUT_OF_SCOPE' };

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
export function inzageSubgraph({ audit, register, pseudonym }: { audit: AuditStore; register: Register; pseudonym: (bsn: string) => string }): SubgraphDefinition<Context> {
  const grants = (ctx: Context, categorie: string) => !ctx.beleid || toegestaneCategorieen(register, ctx.beleid.activiteit).has(categorie);
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
          const activiteit = filter.activiteit && !filter.activiteit.startsWith('https://') ? `${register.basisUri}/${filter.activiteit}/` : filter.activiteit;
          const records = await audit.query({
            dataSubjectId: filter.bsn ? pseudonym(assertBsn(filter.bsn, 'filter.bsn')) : undefined,
            processingActivityId: activiteit, traceId: filter.traceId,
          }, limiet(eerste));
          // Reading a person's log is itself a processing of their data.
          if (filter.bsn) ctx.beleid?.registreer(filter.bsn, 'audit', { uitkomst: 'TOEGESTAAN' });
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
