import { isoDate, systemClock, type Clock } from '../../lib/dates';
import { AppError } from '../../lib/errors';
import type { RegionRegistry } from '../../lib/regions';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import { INDICATOREN } from './indicatoren';
import { gepubliceerdePeriodes, parsePeriode } from './periode';
import { celSleutel, KLASSEN } from './tabel';
import type { Cijferbron } from './cijferbron';
import type { ProgrammaStore } from '../../stores/programma';
import { legMaatregelVast, legResultaatVast, type MaatregelInvoer, type ResultaatInvoer } from './programma';

type Context = PolicyContext & { deadline?: number };

export interface MonitorOptions {
  /** Computes and caches the figures (subgraphs/monitor/cijferbron.ts). */
  cijfers: Cijferbron;
  /** The regional programmes' own records. */
  programma: ProgrammaStore;
  regions: RegionRegistry;
  clock?: Clock;
}

/**
 * Figures for the region, never a person: the monitor reads every domain, joins on pseudonyms,
 * counts per municipality and age band for fixed periods, and publishes only what disclosure
 * control lets through. A BI analyst reads the regions their own municipality belongs to.
 */
export function monitorSubgraph({ cijfers, programma, regions, clock = systemClock }: MonitorOptions): SubgraphDefinition<Context> {
  const codes = new Set(INDICATOREN.map((i) => i.code));
  /** Whether the employee may read this region's figures (the activity's `eigenRegios`). */
  const magRegio = (ctx: Context, code: string) => {
    if (!ctx.beleid?.activiteit.voorwaarden.eigenRegios) return true;
    const eigen = regions.get(ctx.beleid.interne.organisatie ?? '');
    return Boolean(eigen && eigen.soort === 'GEMEENTE' && [eigen.code, eigen.arbeidsmarktregio, eigen.doorstroompuntregio].includes(code));
  };
  return {
    name: 'monitor',
    typeDefs: subgraphTypeDefs('monitor'),
    context: ({ deadline }) => ({ deadline }),
    resolvers: {
      Query: {
        // The published periods follow from today alone: no need to compute the figures to name them.
        monitorPeriodes: () => gepubliceerdePeriodes(isoDate(clock())).map((p) => p.code),
        monitorIndicatoren: () => INDICATOREN.map(({ code, omschrijving, soort }) => ({ code, omschrijving, soort })),
      },
      Mutation: {
        legMaatregelVast: async (_: unknown, { regio, invoer }: { regio: string; invoer: MaatregelInvoer }, ctx: Context) => {
          const m = await legMaatregelVast(programma, ctx.beleid, regions, regio, invoer, clock());
          ctx.beleid?.noteerZonderPersoon('programma', `maatregel ${m.id} van ${regio} vastgelegd: ${m.naam}`);
          return m;
        },
        legResultaatVast: async (_: unknown, { maatregel, invoer }: { maatregel: string; invoer: ResultaatInvoer }, ctx: Context) => {
          const m = await legResultaatVast(programma, ctx.beleid, regions, maatregel, invoer, clock());
          ctx.beleid?.noteerZonderPersoon('programma', `resultaat ${invoer.periode} van maatregel ${m.id} vastgelegd`);
          return m;
        },
      },
      Regio: {
        programma: async ({ code }: { code: string }, _: unknown, ctx: Context) => {
          const r = regions.get(code);
          if (!r || r.soort !== 'DOORSTROOMPUNTREGIO') return null;
          if (!magRegio(ctx, code)) throw new AppError('OUT_OF_SCOPE', `${ctx.beleid.interne.activiteit} gives the programme only for the regions of your own municipality`, { activity: ctx.beleid.interne.activiteit });
          const maatregelen = await programma.maatregelen(code);
          ctx.beleid?.noteerZonderPersoon('programma', `programma ${code}`);
          return { contactgemeente: r.contactgemeente, maatregelen, budget: maatregelen.reduce((s, m) => s + m.budget, 0), regionaalAandeel: maatregelen.reduce((s, m) => s + m.regionaalAandeel, 0) };
        },
        __resolveReference: (ref: { code: string }) => (regions.get(ref.code) ? { code: ref.code } : null),
        cijfers: async ({ code }: { code: string }, args: { periode: string; indicatoren?: string[] | null }, ctx: Context) => {
          const periode = parsePeriode(args.periode);
          if (!magRegio(ctx, code)) {
            throw new AppError('OUT_OF_SCOPE', `${ctx.beleid.interne.activiteit} gives figures only for the regions of your own municipality`, { activity: ctx.beleid.interne.activiteit });
          }
          const gevraagd = args.indicatoren ?? [...codes];
          const onbekend = gevraagd.filter((c) => !codes.has(c));
          if (onbekend.length) throw new AppError('BAD_USER_INPUT', `unknown indicator ${onbekend.join(', ')}; see monitorIndicatoren`, { argument: 'indicatoren' });
          const tabel = await cijfers.tabel();
          if (!tabel.periodes.some((p) => p.code === periode.code)) {
            throw new AppError('BAD_USER_INPUT', `periode ${periode.code} is not published on ${isoDate(clock())}; see monitorPeriodes`, { argument: 'periode', rule: 'PERIODE' });
          }
          ctx.beleid?.noteerZonderPersoon('aggregaat', `cijfers ${code} ${periode.code}: ${gevraagd.length === codes.size ? 'alle indicatoren' : gevraagd.join(', ')}`);
          return gevraagd.flatMap((indicator) => KLASSEN.map((leeftijd) => {
            const sleutel = celSleutel(indicator, code, periode.code, leeftijd);
            const reden = tabel.onderdrukt.get(sleutel) ?? null;
            return { indicator, leeftijd, waarde: reden ? null : tabel.ruw.get(sleutel)!, onderdrukt: reden !== null, reden };
          }));
        },
      },
    },
  };
}
