import DataLoader from 'dataloader';
import type { OnderwijsFeed } from '../../adapters/onderwijs/port';
import { AppError } from '../../lib/errors';
import { assertBsn } from '../../lib/domain/bsn';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { Vertegenwoordiging } from '../policy/beleid';
import type { PolicyContext } from '../policy/shield';
import { bereikVan } from '../policy/guards';
import type { CaseloadScope, OudStudentenScope } from '../../policies/bereik';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import { isStartkwalificatie, type Diploma, type Onderwijshistorie } from './history';
import { ingestFeed } from './ingest';
import { retryWithBackoff } from '../../lib/sources/retry';
import type { OnderwijsStore } from './store';
import type { Nazorgcontact, NazorgStore } from '../../stores/nazorg';
import { oudStudenten, registreerNazorgcontact, type NazorgcontactInvoer } from './nazorg';
import { purgeOnderwijs } from './retentie';
import type { Register } from '../../policies/types';
import type { AuditStore } from '../../stores/audit';
import type { Betrokkene } from '../betrokkenen';
import { dagenTussen, pagina, zoekBuitenBeeld, type BuitenBeeldBronnen } from './buiten-beeld';
import { addMonths } from '../../lib/domain/dates';

interface Context extends PolicyContext { historie: DataLoader<string, Onderwijshistorie>; deadline?: number }
type Jongere = Vertegenwoordiging;

/** The person's schools: enrolled now, or with the dates of the diploma and of leaving there. */
export function onderwijsrelaties(h: Onderwijshistorie) {
  return h.inschrijvingen.map((i) => ({
    brin: i.instelling.brin,
    ingeschreven: i.einddatum === null,
    diplomadatum: h.diplomas.find((d) => d.inschrijvingId === i.id)?.datum ?? null,
    uitschrijfdatum: i.einddatum,
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
    // A school-scoped entry point decides on the person's schools, as this subgraph holds them.
    feiten: { onderwijs: async (bsn, ctx) => onderwijsrelaties(await ctx.historie.load(bsn)) },
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
        // Scope (region and ages) and the sources it may use come from the guard; the page is audited per person by it.
        buitenBeeld: async (_: unknown, args: { eerste: number; na?: string | null }, ctx: Context) => {
          if (!bronnen) throw new AppError('SOURCE_UNAVAILABLE', 'the out-of-sight list is not configured on this subgraph');
          const scope = bereikVan<CaseloadScope & { bronnen: Set<string> }>(args);
          const today = clock();
          // Without an age condition: the statutory target group, 16 to 27.
          const lijst = await zoekBuitenBeeld(store, bronnen, { gemeenten: scope.gemeenten, leeftijd: scope.leeftijd ?? { van: 16, tot: 27 }, bronnen: scope.bronnen, today, deadline: ctx.deadline });
          const { items, volgendeCursor } = pagina(lijst, args.eerste, args.na);
          return { totaal: lijst.length, volgendeCursor, bronnen: [...scope.bronnen].sort(), items: items.map((b) => ({ jongere: { bsn: b.bsn }, sinds: b.sinds, dagenBuitenBeeld: dagenTussen(b.sinds, today) })) };
        },
        oudStudenten: async (_: unknown, args: { eerste: number; na?: string | null }) => {
          const { brin, maanden, vanaf } = bereikVan<OudStudentenScope>(args);
          const r = oudStudenten(store, brin, maanden, clock(), args.eerste, args.na, vanaf);
          return { totaal: r.totaal, volgendeCursor: r.volgendeCursor,
            oudStudenten: r.page.map((o) => ({ jongere: { bsn: o.bsn }, diploma: o.diploma, uitgeschrevenOp: o.uitgeschrevenOp, voorrang: o.voorrang })) };
        },
        // Whether this is the school's graduate within the window is decided by the guard, an unknown BSN alike.
        oudStudent: (_: unknown, { bsn }: { bsn: string }) => ({ bsn: assertBsn(bsn) }),
      },
      Mutation: {
        registreerNazorgcontact: (_: unknown, { invoer }: { invoer: NazorgcontactInvoer }, ctx: Context) => registreerNazorgcontact(nazorg, ctx.beleid, invoer),
      },
      Nazorgcontact: { instelling: (c: Nazorgcontact) => c.brin },
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        // Under a school's activity the guard keeps only the school's own records (`@rijen`).
        nazorgcontacten: async (j: Jongere) => (await nazorg.van([j.bsn])).map((c) => ({ ...c, instelling: c.brin })),
        startkwalificatie: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).diplomas.some(isStartkwalificatie),
        inschrijvingen: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).inschrijvingen,
        huidigeInschrijving: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).inschrijvingen.filter((i) => i.einddatum === null).at(-1) ?? null,
        diplomas: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).diplomas,
        vsvRegistraties: async (j: Jongere, _: unknown, ctx: Context) => (await historie(j, ctx)).vsvRegistraties,
        betrokkenenOnderwijs: async (j: Jongere, _: unknown, ctx: Context) => betrokkenenOnderwijs(await historie(j, ctx), ctx.beleid.today),
        // The fact other subgraphs' rules need, signed for them (status: whether the feed is in yet).
        onderwijskenmerken: async (j: Jongere, _: unknown, ctx: Context) => {
          const feit = { relaties: onderwijsrelaties(await historie(j, ctx)), status: ingested ? 'BEKEND' : 'BRON_ONBEREIKBAAR', bron: 'duo' };
          return { ...feit, zegel: ctx.beleid.tekenFeit('onderwijskenmerken', j.bsn, feit) };
        },
      },
      Diploma: { startkwalificatie: (d: Diploma) => isStartkwalificatie(d) },
    },
  };
}
