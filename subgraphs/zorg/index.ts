import { join } from 'node:path';
import type DataLoader from 'dataloader';
import { isJustitieel as justitieel, isLopend, type ZorgBron, type Zorgtoewijzing } from '../../adapters/zorg/port';
import { isoDate, systemClock, type Clock } from '../../lib/dates';
import { batchLoader } from '../../lib/source';
import type { Vertegenwoordiging } from '../policy/request-policy';
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
        justitieleMaatregelen: async (j: Jongere, _: unknown, ctx: Context) => (await toewijzingen(j, ctx)).filter(justitieel),
        // Who is involved: providers of current care by name only where the activity grants care
        // details; otherwise one line saying that a care provider is involved, nothing more.
        betrokkenenZorg: async (j: Jongere, _: unknown, ctx: Context): Promise<Betrokkene[]> => {
          const lopend = (await toewijzingen(j, ctx)).filter((t) => !justitieel(t) && isLopend(t, isoDate(clock())));
          if (!lopend.length) return [];
          const detail = !ctx.beleid || (await ctx.beleid.beoordeel(ctx.beleid.feiten(j), 'zorg.detail')).uitkomst === 'TOEGESTAAN';
          if (!detail) return [{ rol: 'ZORGAANBIEDER', domein: 'zorg', organisatie: null, naam: null, sinds: null, contact: 'Via de toegang Wmo/Jeugd van de woongemeente' }];
          const perAanbieder = new Map(lopend.map((t) => [t.aanbieder.agbCode, t]));
          return [...perAanbieder.values()].map((t) => ({ rol: 'ZORGAANBIEDER', domein: 'zorg', organisatie: t.aanbieder.naam, naam: null, sinds: t.begindatum, contact: `${t.aanbieder.naam} (AGB ${t.aanbieder.agbCode})` }));
        },
      },
      Zorgtoewijzing: { lopend: (t: Zorgtoewijzing) => isLopend(t, isoDate(clock())) },
    },
  };
}
