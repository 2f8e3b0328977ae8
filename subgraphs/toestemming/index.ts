import type { BrpBron } from '../../adapters/brp/port';
import { isoDate, systemClock, type Clock } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';
import type { Metrics } from '../../lib/observability/metrics';
import { statusOp } from '../../policies/toestemming';
import type { Register } from '../../policies/types';
import type { AuditStore } from '../../stores/audit';
import type { ConsentStore, Intrekkingsverzoek, ToestemmingRecord, Vastlegging } from '../../stores/consent';
import { BETROKKENEN_DOMEINEN, type Betrokkene } from '../betrokkenen';
import type { Vertegenwoordiging } from '../policy/beleid';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import { controleerInvoer, controleerVerzoek, type ToestemmingInvoer } from './invoer';
import { meldVerlopen, wijzigingsteller } from './verloop';

type Context = PolicyContext & { deadline?: number };
type Jongere = Vertegenwoordiging & Partial<Record<(typeof BETROKKENEN_DOMEINEN)[keyof typeof BETROKKENEN_DOMEINEN], Betrokkene[] | null>>;

export interface ToestemmingOptions {
  /** The durable consent records (SQLite embedded, PostgreSQL in production), behind the replica's cache. */
  consent: ConsentStore;
  register: Register;
  /** The BRP, for whether the person named in a change is within the caller's scope (residence, age). */
  brp: BrpBron;
  /** Where expired consents are reported as changes (Logboek Dataverwerkingen), with the pseudonym function. Absent: not reported. */
  audit?: { store: AuditStore; pseudonym(bsn: string): string };
  /** How often to look for consents whose end date has come (ms). Default 3600000; 0 only at start. */
  verloopMs?: number;
  /** Consent changes and bursts per organisation (`/metrics`). */
  metrics?: Metrics;
  clock?: Clock;
  log?: (line: string) => void;
}

const DOMEIN_VOLGORDE = Object.keys(BETROKKENEN_DOMEINEN);

/**
 * Consent through the graph, and who is involved. Who may record, confirm, withdraw and see which
 * consent is the register's consent model, decided by the generated guards (policies/toestemming.ts,
 * `@beleid(regel)` and `@rijen` in the schema); here the change is validated against the register,
 * recorded with who made it on whose behalf and what it rests on, and announced to every replica
 * before it is answered. Expiry is reported to the audit log by a job, once per consent.
 */
export function toestemmingSubgraph({ consent, register, brp, audit, verloopMs = 3_600_000, metrics, clock = systemClock, log = console.error }: ToestemmingOptions): SubgraphDefinition<Context> {
  const vandaag = () => isoDate(clock());
  const vastlegging = (ctx: Context): Vastlegging => {
    const i = ctx.beleid.interne;
    return ctx.beleid.activiteit.voorwaarden.alleenEigenGegevens ? { door: 'JONGERE', activiteit: i.activiteit } : { door: 'MEDEWERKER', medewerker: i.medewerker, organisatie: i.organisatie, activiteit: i.activiteit };
  };
  const toestemming = (r: ToestemmingRecord) => {
    const status = statusOp(r, vandaag());
    return { ...r, status, actief: status === 'ACTIEF', gegevenDoor: r.vastgelegd ?? null, bevestigdDoor: r.bevestigd, ingetrokkenDoor: r.ingetrokken, intrekkingsverzoek: r.verzoek };
  };
  const telling = wijzigingsteller(metrics);
  let timer: NodeJS.Timeout | undefined;
  const verloop = () => (audit ? meldVerlopen(consent, register, audit, clock, metrics).catch((e) => log(`toestemming: reporting expired consents failed: ${(e as Error).message}`)) : Promise.resolve());
  return {
    name: 'toestemming',
    kenmerken: (j: Jongere, ctx: Context) => ctx.beleid.feiten(j),
    typeDefs: subgraphTypeDefs('toestemming'),
    // Scope on the BRP's facts, and the consent a confirmation or withdrawal concerns, for the guards' rules.
    feiten: {
      brp: async (bsns, ctx) => {
        const personen = await brp.personen(bsns, { deadline: ctx.deadline });
        return new Map(bsns.map((b) => { const p = personen.get(b); return [b, p ? { gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum } : null]; }));
      },
      toestemming: async (bsn, id) => (await consent.historie(bsn)).find((r) => r.id === id) ?? null,
    },
    async start() {
      await verloop();
      if (verloopMs > 0) { timer = setInterval(verloop, verloopMs); timer.unref(); }
    },
    async stop() { clearInterval(timer); },
    context: ({ deadline }) => ({ deadline }),
    resolvers: {
      Mutation: {
        // A young person's own consent is active at once; one an employee records waits for confirmation.
        geefToestemming: async (_: unknown, { invoer }: { invoer: ToestemmingInvoer }, ctx: Context) => {
          const geldig = controleerInvoer(invoer, register, clock());
          const zelf = Boolean(ctx.beleid.activiteit.voorwaarden.alleenEigenGegevens);
          const r = await consent.geef({ ...geldig, vastgelegd: vastlegging(ctx), status: zelf ? 'ACTIEF' : 'IN_AFWACHTING' });
          telling('GEGEVEN', ctx);
          return toestemming(r);
        },
        bevestigToestemming: async (_: unknown, { bsn, id }: { bsn: string; id: string }, ctx: Context) => {
          const r = await consent.bevestig(bsn, id, vastlegging(ctx));
          // Confirmed by someone else in the meantime: the same answer as an id that is not pending.
          if (!r) throw new AppError('CONSENT_NOT_FOUND', `no pending consent ${id} of this person`, { argument: 'id' });
          telling('BEVESTIGD', ctx);
          return toestemming(r);
        },
        trekToestemmingIn: async (_: unknown, { bsn, id, verzoek }: { bsn: string; id: string; verzoek?: Intrekkingsverzoek | null }, ctx: Context) => {
          const r = await consent.trekIn(bsn, id, vastlegging(ctx), clock(), controleerVerzoek(verzoek, clock()));
          if (!r) throw new AppError('CONSENT_NOT_FOUND', `no consent ${id} of this person that can still be withdrawn`, { argument: 'id' });
          telling('INGETROKKEN', ctx);
          return toestemming(r);
        },
      },
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        // Which of them the caller sees is the guard's row rule (EIGEN_VERWERKING).
        toestemmingen: async (j: Jongere) => (await consent.historie(j.bsn)).map(toestemming),
        // Each domain's part arrives through @requires, already decided by that domain's rules;
        // a part that failed is null and its error reaches the client from there.
        betrokkenen: (j: Jongere) => Object.values(BETROKKENEN_DOMEINEN).flatMap((veld) => j[veld] ?? [])
          .sort((a, b) => DOMEIN_VOLGORDE.indexOf(a.domein) - DOMEIN_VOLGORDE.indexOf(b.domein) || (a.sinds ?? '').localeCompare(b.sinds ?? '')),
      },
    },
  };
}
