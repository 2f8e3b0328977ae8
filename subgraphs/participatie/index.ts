import type DataLoader from 'dataloader';
import { LEEG_PARTICIPATIEDOSSIER, type ParticipatieBron, type ParticipatieDossier } from '../../adapters/participatie/port';
import { isoDate, systemClock, type Clock } from '../../lib/domain/dates';
import type { RegionRegistry } from '../../lib/domain/regions';
import { batchLoader } from '../../lib/sources/source';
import type { Vertegenwoordiging } from '../policy/beleid';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import type { Betrokkene } from '../betrokkenen';

interface Context extends PolicyContext { dossiers: DataLoader<string, ParticipatieDossier>; deadline?: number }
type Jongere = Vertegenwoordiging;

export function participatieSubgraph({ bron, regions, clock = systemClock }: { bron: ParticipatieBron; regions: RegionRegistry; clock?: Clock }): SubgraphDefinition<Context> {
  const dossier = (j: Jongere, ctx: Context) => ctx.dossiers.load(j.bsn);
  return {
    name: 'participatie',
    kenmerken: (j: Jongere, ctx: Context) => ctx.beleid.feiten(j),
    typeDefs: subgraphTypeDefs('participatie'),
    context: ({ deadline }) => ({ dossiers: batchLoader(bron.batchSize, (bsns) => bron.dossiers(bsns, { deadline }), LEEG_PARTICIPATIEDOSSIER), deadline }),
    resolvers: {
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        heeftUitkering: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx)).uitkering !== null,
        uitkering: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx)).uitkering,
        reintegratietrajecten: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx)).trajecten,
        jongerenInBeeld: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx)).jongerenInBeeld,
        heeftWerk: async (j: Jongere, _: unknown, ctx: Context) => {
          const today = isoDate(clock());
          return (await dossier(j, ctx)).dienstverbanden.some((d) => d.begindatum <= today && (d.einddatum === null || d.einddatum >= today));
        },
        dienstverbanden: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx)).dienstverbanden,
        // Who is involved: the werkcoach of a running re-integration trajectory (the benefit itself is not named).
        betrokkenenParticipatie: async (j: Jongere, _: unknown, ctx: Context): Promise<Betrokkene[]> => {
          const gemeente = regions.get(ctx.beleid.feiten(j).gemeente ?? '')?.naam;
          const afdeling = gemeente ? `Werk en Inkomen, gemeente ${gemeente}` : 'Werk en Inkomen';
          return (await dossier(j, ctx)).trajecten.filter((t) => t.einddatum === null)
            .map((t) => ({ rol: 'WERKCOACH', domein: 'participatie', organisatie: afdeling, naam: t.werkcoach.naam, sinds: t.startdatum, contact: `${t.werkcoach.naam}, ${afdeling}` }));
        },
      },
    },
  };
}
