import type { BrpBron } from '../../adapters/brp/port';
import { assertBsn } from '../../lib/bsn';
import { isoDate, systemClock, type Clock } from '../../lib/dates';
import type { Register } from '../../policies/types';
import type { ConsentStore, ToestemmingRecord, Vastlegging } from '../../stores/consent';
import { BETROKKENEN_DOMEINEN, type Betrokkene } from '../betrokkenen';
import { besluitFout, type Vertegenwoordiging } from '../policy/request-policy';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import { controleerInvoer, type ToestemmingInvoer } from './invoer';
import { AppError } from '../../lib/errors';

type Context = PolicyContext & { deadline?: number };
type Jongere = Vertegenwoordiging & Partial<Record<(typeof BETROKKENEN_DOMEINEN)[keyof typeof BETROKKENEN_DOMEINEN], Betrokkene[] | null>>;

export interface ToestemmingOptions {
  /** The durable consent records (SQLite embedded, PostgreSQL in production), behind the replica's cache. */
  consent: ConsentStore;
  register: Register;
  /** The BRP, for whether the person named in a change is within the caller's scope (residence, age). */
  brp: BrpBron;
  clock?: Clock;
}

const DOMEIN_VOLGORDE = Object.keys(BETROKKENEN_DOMEINEN);

/**
 * Consent through the graph, and who is involved. Changes are checked like reads: the gateway
 * filters by category first; here the person must be within the caller's scope (self-service:
 * only oneself), the change is validated against the register, recorded with who made it on whose
 * behalf, audited, and announced to every replica before it is answered.
 */
export function toestemmingSubgraph({ consent, register, brp, clock = systemClock }: ToestemmingOptions): SubgraphDefinition<Context> {
  const vandaag = () => isoDate(clock());
  const vastlegging = (ctx: Context): Vastlegging => {
    const i = ctx.beleid.interne;
    return i.rol === 'jongere' ? { door: 'JONGERE', activiteit: i.activiteit } : { door: 'MEDEWERKER', medewerker: i.medewerker, organisatie: i.organisatie, activiteit: i.activiteit };
  };
  /** The person must be within the caller's scope, decided on the BRP's facts; an unknown BSN answers the same. */
  const inBereik = async (ctx: Context, bsn: string) => {
    assertBsn(bsn);
    if (!ctx.beleid) throw new AppError('GATEWAY_CONTEXT_REQUIRED', 'consent changes need a gateway context');
    const persoon = (await brp.personen([bsn], { deadline: ctx.deadline })).get(bsn);
    const besluit = persoon ? ctx.beleid.bereikOpBrp({ bsn, gemeente: persoon.gemeenteCode, geboortedatum: persoon.geboortedatum })
      : { uitkomst: 'BUITEN_BEREIK' as const, reden: 'not known in the BRP' };
    const fout = besluitFout(besluit, ctx.beleid.interne.activiteit);
    if (fout) {
      ctx.beleid.registreer(bsn, 'toestemming', besluit);
      throw fout;
    }
  };
  const toestemming = (r: ToestemmingRecord) => ({
    ...r, gegevenDoor: r.vastgelegd ?? null, ingetrokkenDoor: r.ingetrokken,
    actief: r.ingetrokkenOp === null && (r.geldigTot === null || r.geldigTot === undefined || r.geldigTot > vandaag()),
  });
  return {
    name: 'toestemming',
    kenmerken: (j: Jongere, ctx: Context) => ctx.beleid.feiten(j),
    typeDefs: subgraphTypeDefs('toestemming'),
    context: ({ deadline }) => ({ deadline }),
    resolvers: {
      Mutation: {
        geefToestemming: async (_: unknown, { invoer }: { invoer: ToestemmingInvoer }, ctx: Context) => {
          await inBereik(ctx, invoer.bsn);
          const geldig = controleerInvoer(invoer, register, clock());
          const r = await consent.geef({ ...geldig, vastgelegd: vastlegging(ctx) });
          ctx.beleid.noteerWijziging(r.bsn, 'toestemming', `toestemming ${r.id} gegeven: ${r.activiteit} [${(r.categorieen ?? []).join(', ')}] aan ${r.ontvanger!.soort} ${r.ontvanger!.waarde} tot ${r.geldigTot}`);
          return toestemming(r);
        },
        trekToestemmingIn: async (_: unknown, { bsn, id }: { bsn: string; id: string }, ctx: Context) => {
          await inBereik(ctx, bsn);
          const r = await consent.trekIn(bsn, id, vastlegging(ctx));
          // An id that is not this person's, or already withdrawn: the same answer either way.
          if (!r) throw new AppError('BAD_USER_INPUT', `no active consent ${id} of this person`, { argument: 'id' });
          ctx.beleid.noteerWijziging(bsn, 'toestemming', `toestemming ${r.id} ingetrokken: ${r.activiteit}`);
          return toestemming(r);
        },
      },
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        toestemmingen: async (j: Jongere) => (await consent.historie(j.bsn)).map(toestemming),
        // Each domain's part arrives through @requires, already decided by that domain's rules;
        // a part that failed is null and its error reaches the client from there.
        betrokkenen: (j: Jongere) => Object.values(BETROKKENEN_DOMEINEN).flatMap((veld) => j[veld] ?? [])
          .sort((a, b) => DOMEIN_VOLGORDE.indexOf(a.domein) - DOMEIN_VOLGORDE.indexOf(b.domein) || (a.sinds ?? '').localeCompare(b.sinds ?? '')),
      },
    },
  };
}
