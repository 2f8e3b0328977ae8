import { join } from 'node:path';
import type DataLoader from 'dataloader';
import type { BrpBron, Persoonsgegevens } from '../../adapters/brp/port';
import { assertBsn } from '../../lib/bsn';
import { ageOn, systemClock, type Clock } from '../../lib/dates';
import type { Regio, RegionRegistry, RegioSoort } from '../../lib/regions';
import { perTrace } from '../../lib/per-trace';
import { batchLoader } from '../../lib/source';
import { besluitFout } from '../policy/request-policy';
import type { Vertegenwoordiging } from '../policy/kenmerken';
import type { PolicyContext } from '../policy/shield';
import { loadTypeDefs, type SubgraphDefinition } from '../runtime';

interface Context extends PolicyContext { personen: DataLoader<string, Persoonsgegevens | null> }
type Jongere = Persoonsgegevens & Pick<Vertegenwoordiging, 'onderwijskenmerken'>;

export interface BasisOptions {
  /** The BRP adapter. */
  brp: BrpBron;
  /** The area's regions. */
  regions: RegionRegistry;
  /** Today, for ages. Default: the system clock. */
  clock?: Clock;
}

export function basisSubgraph({ brp, regions, clock = systemClock }: BasisOptions): SubgraphDefinition<Context> {
  const regio = (code: string | null | undefined): Regio | null => (code ? regions.get(code) ?? null : null);
  const personen = perTrace(() => batchLoader(brp.batchSize, (bsns) => brp.personen(bsns), null));
  return {
    name: 'basis',
    kenmerken: (p: Jongere) => ({ bsn: p.bsn, gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum, onderwijs: p.onderwijskenmerken?.relaties ?? null }),
    typeDefs: loadTypeDefs(join(__dirname, 'schema.graphql')),
    context: ({ traceId }) => ({ personen: personen(traceId) }),
    resolvers: {
      Query: {
        jongere: async (_: unknown, { bsn }: { bsn: string }, ctx: Context) => {
          const persoon = await ctx.personen.load(assertBsn(bsn));
          if (!persoon || !ctx.beleid) return persoon;
          // The entry point: a person outside the activity's scope is not returned at all.
          const besluit = ctx.beleid.bereikOpBrp({ bsn, gemeente: persoon.gemeenteCode, geboortedatum: persoon.geboortedatum });
          if (besluit.uitkomst !== 'TOEGESTAAN') {
            ctx.beleid.registreer(bsn, 'identificatie', besluit);
            throw besluitFout(besluit, ctx.beleid.interne.activiteit);
          }
          return persoon;
        },
        regio: (_: unknown, { code }: { code: string }) => regio(code),
        regios: (_: unknown, { soort }: { soort?: RegioSoort }) => regions.all(soort ?? undefined),
      },
      Jongere: {
        __resolveReference: async (ref: Vertegenwoordiging, ctx: Context): Promise<Jongere | null> => {
          const persoon = await ctx.personen.load(ref.bsn);
          return persoon && { ...persoon, onderwijskenmerken: ref.onderwijskenmerken };
        },
        beleidskenmerken: (p: Jongere) => ({ gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum }),
        naam: (p: Persoonsgegevens) => p,
        leeftijd: (p: Persoonsgegevens) => (p.geboortedatum && !p.overlijdensdatum ? ageOn(p.geboortedatum, clock()) : null),
        woonadres: (p: Persoonsgegevens) => (p.adres ? { ...p.adres, huisnummertoevoeging: p.adres.toevoeging } : null),
        gemeente: (p: Persoonsgegevens) => regio(p.gemeenteCode),
      },
      Regio: {
        __resolveReference: (ref: { code: string }) => regio(ref.code),
        gemeenten: (r: Regio) => r.gemeenten.map((g) => regions.get(g)!),
        arbeidsmarktregio: (r: Regio) => regio(r.arbeidsmarktregio),
        doorstroompuntregio: (r: Regio) => regio(r.doorstroompuntregio),
      },
    },
  };
}
