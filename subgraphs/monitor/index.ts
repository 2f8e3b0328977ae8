import { isoDate, systemClock, type Clock } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import { INDICATOREN } from './indicatoren';
import { gepubliceerdePeriodes, parsePeriode } from './periode';
import { KLASSEN, rijSleutel } from './tabel';
import type { Cijferbron } from './cijferbron';
import type { Maatregel, ProgrammaStore } from '../../stores/programma';
import { legMaatregelVast, legResultaatVast, tekstControle, type MaatregelInvoer, type ResultaatInvoer } from './programma';
import type { MonitorBronnen } from './extractie';
import { naamIndex } from './namen';

type Context = PolicyContext & { deadline?: number };

export interface MonitorOptions {
  /** Computes and caches the figures (subgraphs/monitor/cijferbron.ts). */
  cijfers: Cijferbron;
  /** The regional programmes' own records. */
  programma: ProgrammaStore;
  /** The BRP and the case register, to refuse programme texts that name a young person of the area. */
  namen: Pick<MonitorBronnen, 'brp' | 'doorstroom'>;
  regions: RegionRegistry;
  clock?: Clock;
}

/**
 * Figures for the region, never a person: the monitor reads every domain, joins on pseudonyms,
 * counts per municipality and age band for fixed periods, and publishes only what disclosure
 * control lets through. A BI analyst reads the regions their own municipality belongs to.
 */
export function monitorSubgraph({ cijfers, programma, namen, regions, clock = systemClock }: MonitorOptions): SubgraphDefinition<Context> {
  const codes = new Set(INDICATOREN.map((i) => i.code));
  const controle = tekstControle(naamIndex(namen, () => regions.gemeenten().map((g) => g.code), clock));
  return {
    name: 'monitor',
    typeDefs: subgraphTypeDefs('monitor'),
    feiten: {
      // The region a programme change concerns: a Doorstroompunt region named, or the one a measure belongs to.
      programmaRegio: async (waarde) => {
        const regio = regions.get(waarde) ?? regions.get((await programma.maatregel(waarde))?.regio ?? '');
        if (!regio) throw new AppError('BAD_USER_INPUT', `no Doorstroompunt region or measure "${waarde.slice(0, 60)}"`, { argument: 'regio' });
        if (regio.soort !== 'DOORSTROOMPUNTREGIO') throw new AppError('BAD_USER_INPUT', `${regio.code} is not a Doorstroompunt region: programmes belong to those`, { argument: 'regio' });
        return { code: regio.code, contactgemeente: regio.contactgemeente ?? null };
      },
    },
    context: ({ deadline }) => ({ deadline }),
    resolvers: {
      Query: {
        // The published periods follow from today alone: no need to compute the figures to name them.
        monitorPeriodes: () => gepubliceerdePeriodes(isoDate(clock())).map((p) => p.code),
        monitorIndicatoren: () => INDICATOREN.map(({ code, omschrijving, soort }) => ({ code, omschrijving, soort })),
        monitorBescherming: () => cijfers.bescherming,
      },
      Mutation: {
        legMaatregelVast: (_: unknown, { regio, invoer }: { regio: string; invoer: MaatregelInvoer }, ctx: Context) =>
          legMaatregelVast(programma, controle, ctx.beleid.interne.medewerker, regio, invoer, clock()),
        legResultaatVast: (_: unknown, { maatregel, invoer }: { maatregel: string; invoer: ResultaatInvoer }, ctx: Context) =>
          legResultaatVast(programma, controle, ctx.beleid.interne.medewerker, maatregel, invoer, clock()),
      },
      // A programme result that counts people is published like a figure: perturbed with its own
      // cell key (the measure and period), and not shown when small.
      Maatregel: {
        resultaten: (m: Maatregel) => Promise.all(m.resultaten.map(async (r) => {
          const aantal = await cijfers.publiceerAantal(r.aantal, `${m.id}|${r.periode}`);
          return { ...r, aantal, onderdrukt: r.aantal !== null && aantal === null };
        })),
      },
      Regio: {
        // Whose regions an analyst may read is decided by the guard (EIGEN_REGIO), which also audits the read.
        programma: async ({ code }: { code: string }) => {
          const r = regions.get(code);
          if (!r || r.soort !== 'DOORSTROOMPUNTREGIO') return null;
          const maatregelen = await programma.maatregelen(code);
          return { contactgemeente: r.contactgemeente, maatregelen, budget: maatregelen.reduce((s, m) => s + m.budget, 0), regionaalAandeel: maatregelen.reduce((s, m) => s + m.regionaalAandeel, 0) };
        },
        __resolveReference: (ref: { code: string }) => (regions.get(ref.code) ? { code: ref.code } : null),
        cijfers: async ({ code }: { code: string }, args: { periode: string; indicatoren?: string[] | null }) => {
          const periode = parsePeriode(args.periode);
          const gevraagd = args.indicatoren ?? [...codes];
          const onbekend = gevraagd.filter((c) => !codes.has(c));
          if (onbekend.length) throw new AppError('BAD_USER_INPUT', `unknown indicator ${onbekend.join(', ')}; see monitorIndicatoren`, { argument: 'indicatoren' });
          const tabel = await cijfers.tabel();
          if (!tabel.periodes.some((p) => p.code === periode.code)) {
            throw new AppError('BAD_USER_INPUT', `periode ${periode.code} is not published on ${isoDate(clock())}; see monitorPeriodes`, { argument: 'periode', rule: 'PERIODE' });
          }
          const rij = tabel.rijen.get(rijSleutel(code, periode.code));
          if (!rij) return [];
          // Why a cell is unpublished is not said: a reason would single out the small cells.
          return gevraagd.flatMap((indicator) => KLASSEN.map((leeftijd, k) => ({ indicator, leeftijd, waarde: rij[indicator][k], onderdrukt: rij[indicator][k] === null })));
        },
      },
    },
  };
}
