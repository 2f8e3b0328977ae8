import { join } from 'node:path';
import type DataLoader from 'dataloader';
import { LEEG_PARTICIPATIEDOSSIER, type ParticipatieAantallen, type ParticipatieBron, type ParticipatieDossier } from '../../adapters/participatie/port';
import { isoDate, systemClock, type Clock } from '../../lib/dates';
import type { RegionRegistry } from '../../lib/regions';
import { batchLoader } from '../../lib/source';
import type { Vertegenwoordiging } from '../policy/request-policy';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';

interface Context extends PolicyContext { dossiers: DataLoader<string, ParticipatieDossier>; deadline?: number }
type Jongere = Vertegenwoordiging;

export function participatieSubgraph({ bron, regions, clock = systemClock }: { bron: ParticipatieBron; regions: RegionRegistry; clock?: Clock }): SubgraphDefinition<Context> {
  const dossier = (j: Jongere, ctx: Context) => ctx.dossiers.load(j.bsn);
  const som = async (code: string, key: keyof ParticipatieAantallen, deadline?: number) => {
    const per = await Promise.all(regions.get(code)!.gemeenten.map((g) => bron.aantallen(g, { deadline })));
    return per.reduce((s, a) => s + a[key], 0);
  };
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
      },
      Regio: {
        __resolveReference: (ref: { code: string }) => (regions.get(ref.code) ? { code: ref.code } : null),
        aantalMetUitkering: ({ code }: { code: string }, _: unknown, ctx: Context) => som(code, 'metUitkering', ctx.deadline),
        aantalMetReintegratietraject: ({ code }: { code: string }, _: unknown, ctx: Context) => som(code, 'metTraject', ctx.deadline),
        aantalJongerenInBeeld: ({ code }: { code: string }, _: unknown, ctx: Context) => som(code, 'jongerenInBeeld', ctx.deadline),
      },
    },
  };
}
