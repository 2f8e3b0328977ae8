import { join } from 'node:path';
import DataLoader from 'dataloader';
import type { OnderwijsFeed } from '../../adapters/onderwijs/port';
import { AppError } from '../../lib/errors';
import { assertBsn } from '../../lib/bsn';
import { besluitFout } from '../policy/request-policy';
import type { RegionRegistry } from '../../lib/regions';
import type { Vertegenwoordiging } from '../policy/request-policy';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import { isStartkwalificatie, type Diploma, type Onderwijshistorie } from './history';
import { ingestFeed } from './ingest';
import { retryWithBackoff } from '../../lib/retry';
import type { OnderwijsStore } from './store';
import type { Nazorgcontact, NazorgStore } from '../../stores/nazorg';
import { oudStudenten, registreerNazorgcontact, type NazorgcontactInvoer } from './nazorg';
import { purgeOnderwijs } from './retentie';
import type { Register } from '../../policies/types';
import type { AuditStore } from '../../stores/audit';
import type { Betrokkene } from '../betrokkenen';
import { scopeGemeenten } from '../../policies/scope';
import { dagenTussen, pagina, zoekBuitenBeeld, type BuitenBeeldBronnen } from './buiten-beeld';
import { addMonths } from '../../lib/dates';

interface Context extends PolicyContext { historie: DataLoader<string, Onderwijshistorie>; deadline?: number }
type Jongere = Vertegenwoordiging;

/** The person's schools: enrolled now, or with the diploma date there. */
export function onderwijsrelaties(h: Onderwijshistorie) {
  return h.inschrijvingen.map((i) => ({
    brin: i.instelling.brin,
    ingeschreven: i.einddatum === null,
    diplomadatum: h.diplomas.find((d) => d.inschrijvingId === i.id)?.datum ?? null,
  }));
}

/** Who is involved from education: the school of a current enrolment, and an mbo school's nazorg up to a year after its diploma. */
export function betrokkenenOnderwijs(h: Onderwijshistorie, today: string): Betrokkene[] {
  const result: Betrokkene[] = h.inschrijvingen.filter((i) => i.einddatum === null)
    .map((i) => ({ rol: 'SCHOOL', domein: 'onderwijs', organisatie: i.instelling.naam, naam: null, sinds: i.begindatum, contact: `${i.instelling.naam} (BRIN ${i.instelling.brin})` }));
  const huidigeScholen = new Set(result.map((b) => b.contact));
  for (const d of h.diplomas) {
    if (d.onderwijssoort !== 'MBO' || d.datum > today || d.datum < addMonths(today, -12)) continue;
    if (huidigeScholen.has(`${d.instelling.naam} (BRIN ${d.instelling.brin})`)) continue;
    result.push({ rol: 'NAZORG', domein: 'onderwijs', organisatie: d.instelling.naam, naam: null, sinds: d.datum, contact: `Loopbaanbegeleiding van ${d.instelling.naam} (BRIN ${d.instelling.brin})` });
  }
  return result;
}

export interface OnderwijsOptions {
  feed: OnderwijsFeed;
  store: OnderwijsStore;
  regions: RegionRegistry;
  /** Re-read the feed this often (ms); 0 reads it only at start. Default 0. */
  ingestIntervalMs?: number;
  /** Enforce the register's storage terms after every ingest, with an audit trail (absent: no purge, e.g. the benchmark-only mode). */
  retentie?: { register: Register; clock: () => Date; audit?: { store: AuditStore; pseudonym: (bsn: string) => string } };
  /** The schools' nazorg contacts (durable, shared by replicas). */
  nazorg: NazorgStore;
  /** The sources the out-of-sight list asks besides this store (absent: `buitenBeeld` is unavailable). */
  buitenBeeld?: BuitenBeeldBronnen;
  /** Today. Default: the system clock. */
  clock?: () => Date;
  log?: (line: string) => void;
}

export function onderwijsSubgraph({ feed, store, nazorg, regions, ingestIntervalMs = 0, retentie, buitenBeeld: bronnen, clock = () => new Date(), log = console.log }: OnderwijsOptions): SubgraphDefinition<Context> {
  let timer: NodeJS.Timeout | undefined;
  const stopping = new AbortController();
  let ingested = store.aantalLeveringen() > 0;
  // The layer receives DUO's deliveries as the RMC function of each Doorstroompunt region of the area.
  const afnemers = regions.all('DOORSTROOMPUNTREGIO').map((r) => r.code);
  const ingest = async () => {
    const verslagen = await ingestFeed(store, feed, afnemers, log);
    const nieuw = verslagen.filter((v) => v.resultaat === 'ingelezen');
    ingested = true;
    log(`onderwijs: ${verslagen.length} deliveries, ${nieuw.length} ingested, ${nieuw.reduce((s, v) => s + v.fouten.length, 0)} rows skipped`);
    if (retentie) {
      for (const p of await purgeOnderwijs(store, retentie.register, retentie.clock(), retentie.audit)) {
        if (p.regels) log(`onderwijs: ${p.regels} ${p.categorie} rows of ${p.personen} people before ${p.grens} deleted (bewaartermijn ${p.bewaartermijn})`);
      }
    }
  };
  const historie = (j: Jongere, ctx: Context) => ctx.historie.load(j.bsn);
  return {
    name: 'onderwijs',
    kenmerken: async (j: Jongere, ctx: Context) => ctx.beleid.feiten(j, { onderwijs: onderwijsrelaties(await historie(j, ctx)) }),
    typeDefs: subgraphTypeDefs('onderwijs'),
    // The feed may not be up yet (separate processes start in any order): keep trying, never exit.
    start: () => retryWithBackoff(ingest, {
      signal: stopping.signal,
      onFailure: (e, attempt, delay) => log(`onderwijs: ingest attempt ${attempt} failed (${(e as Error).message}); retrying in ${delay} ms`),
    }).then(() => {
      if (ingestIntervalMs > 0) {
        timer = setInterval(() => ingest().catch((e) => log(`onderwijs: ingest failed: ${(e as Error).message}`)), ingestIntervalMs);
        timer.unref();
      }
    }),
    async stop() {
      stopping.abort();
      clearInterval(timer);
    },
    readiness: () => (ingested ? { ready: true } : { ready: false, reason: 'no education delivery ingested yet' }),
    context: ({ deadline }) => ({
      deadline,
      historie: new DataLoader(async (bsns: readonly string[]) => {
        const historie = store.historieVan([...bsns]);
        return bsns.map((bsn) => historie.get(bsn)!);
      }, { maxBatchSize: 500 }),
    }),
    resolvers: {
      Query: {
        buitenBeeld: async (_: unknown, { eerste, na }: { eerste: number; na?: string | null }, ctx: Context) => {
          const v = ctx.beleid?.activiteit.voorwaarden;
          const activiteit = ctx.beleid?.interne.activiteit ?? '';
          if (!ctx.beleid || !ctx.beleid.filterToegestaan('signalering')) throw new AppError('NO_LEGAL_BASIS', `${activiteit} grants no legal basis for signalering`, { category: 'signalering', activity: activiteit });
          if (!v?.regio || !v.leeftijd) throw new AppError('OUT_OF_SCOPE', `the out-of-sight list needs an activity scoped to a region and ages; ${activiteit} is not`, { activity: activiteit });
          if (!bronnen) throw new AppError('SOURCE_UNAVAILABLE', 'the out-of-sight list is not configured on this subgraph');
          const today = clock();
          const lijst = await zoekBuitenBeeld(store, bronnen, { gemeenten: scopeGemeenten(v.regio, ctx.beleid.interne.organisatie, regions), leeftijd: v.leeftijd, today, deadline: ctx.deadline });
          const { items, volgendeCursor } = pagina(lijst, eerste, na);
          // The page discloses the signal about everyone on it.
          for (const b of items) ctx.beleid.registreer(b.bsn, 'signalering', { uitkomst: 'TOEGESTAAN' });
          return { totaal: lijst.length, volgendeCursor, items: items.map((b) => ({ jongere: { bsn: b.bsn }, sinds: b.sinds, dagenBuitenBeeld: dagenTussen(b.sinds, today) })) };
        },
        oudStudenten: async (_: unknown, { eerste, na }: { eerste: number; na?: string | null }, ctx: Context) => {
          const v = ctx.beleid?.activiteit.voorwaarden;
          if (!ctx.beleid || !v?.eigenStudenten || !v.nazorgMaanden || !ctx.beleid.interne.organisatie) {
            throw new AppError('OUT_OF_SCOPE', `a list of former students is only available under a school-scoped nazorg activity`, { activity: ctx.beleid?.interne.activiteit ?? null });
          }
          const r = oudStudenten(store, ctx.beleid.interne.organisatie, v.nazorgMaanden, clock(), eerste, na);
          for (const o of r.page) ctx.beleid.registreer(o.bsn, 'identificatie', { uitkomst: 'TOEGESTAAN' });
          return { totaal: r.totaal, volgendeCursor: r.volgendeCursor, oudStudenten: r.page.map((o) => ({ jongere: { bsn: o.bsn }, diploma: o.diploma, voorrang: o.voorrang })) };
        },
        oudStudent: async (_: unknown, { bsn }: { bsn: string }, ctx: Context) => {
          assertBsn(bsn);
          if (!ctx.beleid) return { bsn };
          const besluit = ctx.beleid.bereikOpOnderwijs(bsn, onderwijsrelaties(await ctx.historie.load(bsn)));
          ctx.beleid.registreer(bsn, 'identificatie', besluit);
          const fout = besluitFout(besluit, ctx.beleid.interne.activiteit);
          if (fout) throw fout;
          return { bsn };
        },
      },
      Mutation: {
        registreerNazorgcontact: async (_: unknown, { invoer }: { invoer: NazorgcontactInvoer }, ctx: Context) => {
          if (!ctx.beleid) throw new AppError('GATEWAY_CONTEXT_REQUIRED', 'nazorg contacts need a gateway context');
          return registreerNazorgcontact(nazorg, ctx.beleid, invoer, onderwijsrelaties(await ctx.historie.load(assertBsn(invoer.bsn))));
        },
      },
      Nazorgcontact: { instelling: (c: Nazorgcontact) => c.brin },
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        // Under a school's activity only the school's own records; the young person sees all of theirs.
        nazorgcontacten: (j: Jongere, _: unknown, ctx: Context) => nazorg.van([j.bsn], ctx.beleid?.activiteit.voorwaarden.eigenStudenten ? ctx.beleid.interne.organisatie : null),
        startkwalificatie: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).diplomas.some(isStartkwalificatie),
        inschrijvingen: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).inschrijvingen,
        huidigeInschrijving: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).inschrijvingen.filter((i) => i.einddatum === null).at(-1) ?? null,
        diplomas: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).diplomas,
        vsvRegistraties: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).vsvRegistraties,
        betrokkenenOnderwijs: async (j: Jongere, _: unknown, ctx: Context) => betrokkenenOnderwijs(await historie(j, ctx), ctx.beleid?.today ?? new Date().toISOString().slice(0, 10)),
        // The fact other subgraphs' rules need, signed for them (status: whether the feed is in yet).
        onderwijskenmerken: async (j: Jongere, _: unknown, ctx: Context) => {
          const feit = { relaties: onderwijsrelaties(await historie(j, ctx)), status: ingested ? 'BEKEND' : 'BRON_ONBEREIKBAAR', bron: 'duo' };
          return { ...feit, zegel: ctx.beleid ? ctx.beleid.tekenFeit('onderwijskenmerken', j.bsn, feit) : '' };
        },
      },
      Diploma: { startkwalificatie: (d: Diploma) => isStartkwalificatie(d) },
    },
  };
}
