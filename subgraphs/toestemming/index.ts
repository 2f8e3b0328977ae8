import type { BrpBron } from '../../adapters/brp/port';
import { isoDate, systemClock, type Clock } from '../../lib/dates';
import type { Register } from '../../policies/types';
import type { ConsentStore, ToestemmingRecord, Vastlegging } from '../../stores/consent';
import { BETROKKENEN_DOMEINEN, type Betrokkene } from '../betrokkenen';
import type { Vertegenwoordiging } from '../policy/beleid';
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
  const toestemming = (r: ToestemmingRecord) => ({
    ...r, gegevenDoor: r.vastgelegd ?? null, ingetrokkenDoor: r.ingetrokken,
    actief: r.ingetrokkenOp === null && (r.geldigTot === null || r.geldigTot === undefined || r.geldigTot > vandaag()),
  });
  return {
    name: 'toestemming',
    kenmerken: (j: Jongere, ctx: Context) => ctx.beleid.feiten(j),
    typeDefs: subgraphTypeDefs('toestemming'),
    // A change is allowed only for a person within the caller's scope, decided by the guard on the BRP's facts.
    feiten: {
      brp: async (bsns, ctx) => {
        const personen = await brp.personen(bsns, { deadline: ctx.deadline });
        return new Map(bsns.map((b) => { const p = personen.get(b); return [b, p ? { gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum } : null]; }));
      },
    },
    context: ({ deadline }) => ({ deadline }),
    resolvers: {
      Mutation: {
        geefToestemming: async (_: unknown, { invoer }: { invoer: ToestemmingInvoer }, ctx: Context) => {
          const geldig = controleerInvoer(invoer, register, clock());
          return toestemming(await consent.geef({ ...geldig, vastgelegd: vastlegging(ctx) }));
        },
        trekToestemmingIn: async (_: unknown, { bsn, id }: { bsn: string; id: string }, ctx: Context) => {
          const r = await consent.trekIn(bsn, id, vastlegging(ctx));
          // An id that is not this person's, or already withdrawn: the same answer either way.
          if (!r) throw new AppError('BAD_USER_INPUT', `no active consent ${id} of this person`, { argument: 'id' });
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
