import { join } from 'node:path';
import type DataLoader from 'dataloader';
import type { BrpBron, Persoonsgegevens } from '../../adapters/brp/port';
import { assertBsn } from '../../lib/bsn';
import { ageOn, systemClock, type Clock } from '../../lib/dates';
import type { Regio, RegionRegistry, RegioSoort } from '../../lib/regions';
import { batchLoader } from '../../lib/source';
import { loadTypeDefs, type SubgraphDefinition } from '../runtime';

interface Context { personen: DataLoader<string, Persoonsgegevens | null> }

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
  return {
    name: 'basis',
    typeDefs: loadTypeDefs(join(__dirname, 'schema.graphql')),
    context: () => ({ personen: batchLoader(brp.batchSize, (bsns) => brp.personen(bsns), null) }),
    resolvers: {
      Query: {
        jongere: (_: unknown, { bsn }: { bsn: string }, ctx: Context) => ctx.personen.load(assertBsn(bsn)),
        regio: (_: unknown, { code }: { code: string }) => regio(code),
        regios: (_: unknown, { soort }: { soort?: RegioSoort }) => regions.all(soort ?? undefined),
      },
      Jongere: {
        __resolveReference: (ref: { bsn: string }, ctx: Context) => ctx.personen.load(ref.bsn),
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
