import type DataLoader from 'dataloader';
import { isJeugdbescherming, isJeugdreclassering, isJustitieel as justitieel, isLopend, type ZorgBron, type Zorgtoewijzing } from '../../adapters/zorg/port';
import { isoDate, systemClock, type Clock } from '../../lib/domain/dates';
import { batchLoader } from '../../lib/sources/source';
import type { Vertegenwoordiging } from '../policy/beleid';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import type { Betrokkene } from '../betrokkenen';

interface Context extends PolicyContext { toewijzingen: DataLoader<string, Zorgtoewijzing[]>; deadline?: number }
type Jongere = Vertegenwoordiging;

export function zorgSubgraph({ bron, clock = systemClock }: { bron: ZorgBron; clock?: Clock }): SubgraphDefinition<Context> {
  const toewijzingen = (j: Jongere, ctx: Context) => ctx.toewijzingen.load(j.bsn);
  return {
    name: 'zorg',
    kenmerken: (j: Jongere, ctx: Context) => ctx.beleid.feiten(j),
    typeDefs: subgraphTypeDefs('zorg'),
    context: ({ deadline }) => ({ toewijzingen: batchLoader(bron.batchSize, (bsns) => bron.toewijzingen(bsns, { deadline }), [] as Zorgtoewijzing[]), deadline }),
    resolvers: {
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        heeftZorgtoewijzing: async (j: Jongere, _: unknown, ctx: Context) => (await toewijzingen(j, ctx)).some((t) => !justitieel(t) && isLopend(t, isoDate(clock()))),
        zorgtoewijzingen: async (j: Jongere, _: unknown, ctx: Context) => (await toewijzingen(j, ctx)).filter((t) => !justitieel(t)),
        justitieleMaatregelen: async (j: Jongere, _: unknown, ctx: Context) => (await toewijzingen(j, ctx)).filter(isJeugdreclassering),
        jeugdbeschermingsmaatregelen: async (j: Jongere, _: unknown, ctx: Context) => (await toewijzingen(j, ctx)).filter(isJeugdbescherming),
        // Who is involved: the providers of current care. The guard decides each line (care data)
        // and its attributes (care details) as it decides the source fields, and merges lines that
        // become alike: without care details, one line saying that a care provider is involved.
        betrokkenenZorg: async (j: Jongere, _: unknown, ctx: Context): Promise<Betrokkene[]> => {
          const lopend = (await toewijzingen(j, ctx)).filter((t) => !justitieel(t) && isLopend(t, isoDate(clock())));
          const perAanbieder = new Map(lopend.map((t) => [t.aanbieder.agbCode, t]));
          return [...perAanbieder.values()].map((t) => ({ rol: 'ZORGAANBIEDER', domein: 'zorg', organisatie: t.aanbieder.naam, naam: null, sinds: t.begindatum, contact: `${t.aanbieder.naam} (AGB ${t.aanbieder.agbCode})` }));
        },
      },
      Zorgtoewijzing: { lopend: (t: Zorgtoewijzing) => isLopend(t, isoDate(clock())) },
    },
  };
}
