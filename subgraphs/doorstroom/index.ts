import type DataLoader from 'dataloader';
import type { DoorstroomBron, DoorstroomDossier } from '../../adapters/leerplicht/port';
import { systemClock, type Clock } from '../../lib/domain/dates';
import type { RegionRegistry } from '../../lib/domain/regions';
import { batchLoader } from '../../lib/sources/source';
import type { Vertegenwoordiging } from '../policy/beleid';
import type { PolicyContext } from '../policy/shield';
import { bereikVan } from '../policy/guards';
import type { CaseloadScope } from '../../policies/bereik';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';
import type { Betrokkene } from '../betrokkenen';
import { encodeCursor, toZoekopdracht, type JongerenFilter } from './caseload';

/** Who is involved from the case system: the coach of a running trajectory, leerplicht for open absence reports. */
export function betrokkenenVan(d: DoorstroomDossier, regions: RegionRegistry): Betrokkene[] {
  const result: Betrokkene[] = [];
  const gemeente = regions.get(d.gemeenteCode);
  const huidig = d.trajecten.at(-1);
  if (huidig && huidig.status !== 'AFGESLOTEN') {
    const dp = regions.all('DOORSTROOMPUNTREGIO').find((r) => r.gemeenten.includes(d.gemeenteCode));
    const contact = dp ? `${dp.naam}, via gemeente ${regions.get(dp.contactgemeente!)?.naam ?? dp.contactgemeente}` : null;
    result.push({ rol: 'DOORSTROOMCOACH', domein: 'doorstroom', organisatie: dp?.naam ?? 'Doorstroompunt', naam: huidig.coach.naam, sinds: huidig.startdatum, contact });
  }
  const open = d.verzuimmeldingen.filter((m) => m.status === 'OPEN').sort((a, b) => a.datum.localeCompare(b.datum));
  if (open.length) {
    result.push({ rol: 'LEERPLICHTAMBTENAAR', domein: 'doorstroom', organisatie: `Leerplicht gemeente ${gemeente?.naam ?? d.gemeenteCode}`, naam: null, sinds: open[0].datum,
      contact: `Afdeling leerplicht van gemeente ${gemeente?.naam ?? d.gemeenteCode}` });
  }
  return result;
}

interface Context extends PolicyContext { dossiers: DataLoader<string, DoorstroomDossier | null>; deadline?: number }
type Jongere = Vertegenwoordiging;

export interface DoorstroomOptions {
  bron: DoorstroomBron;
  regions: RegionRegistry;
  /** Today, for the age filter. Default: the system clock. */
  clock?: Clock;
}

export function doorstroomSubgraph({ bron, regions, clock = systemClock }: DoorstroomOptions): SubgraphDefinition<Context> {
  // Jongere objects come from `jongeren` here and from `_entities`; either way fields load the
  // dossier through the request's DataLoader, so a page of 1,000 costs ten batched calls.
  const dossier = (j: Jongere, ctx: Context) => ctx.dossiers.load(j.bsn);
  const huidig = async (j: Jongere, ctx: Context) => (await dossier(j, ctx))?.trajecten.at(-1) ?? null;
  return {
    name: 'doorstroom',
    kenmerken: (j: Jongere, ctx: Context) => ctx.beleid.feiten(j),
    typeDefs: subgraphTypeDefs('doorstroom'),
    context: ({ deadline }) => ({ dossiers: batchLoader(bron.batchSize, (bsns) => bron.dossiers(bsns, { deadline }), null), deadline }),
    resolvers: {
      Query: {
        // The activity's region and ages narrow the search (the guard decides them); the page is audited per person by the guard.
        jongeren: async (_: unknown, args: { filter?: JongerenFilter; eerste: number; na?: string }, ctx: Context) => {
          const result = await bron.zoek(toZoekopdracht(args, regions, clock(), bron.maxPageSize, bereikVan<CaseloadScope>(args)), { deadline: ctx.deadline });
          return {
            totaal: result.totaal,
            jongeren: result.bsns.map((bsn) => ({ bsn })),
            volgendeCursor: result.meer && result.bsns.length ? encodeCursor(result.bsns.at(-1)!) : null,
          };
        },
      },
      Jongere: {
        __resolveReference: (ref: Jongere): Jongere => ref,
        doorstroomstatus: async (j: Jongere, _: unknown, ctx: Context) => (await huidig(j, ctx))?.status ?? null,
        doorstroomcoach: async (j: Jongere, _: unknown, ctx: Context) => (await huidig(j, ctx))?.coach ?? null,
        doorstroomtrajecten: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx))?.trajecten ?? [],
        verzuimmeldingen: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx))?.verzuimmeldingen ?? [],
        vsvMeldingen: async (j: Jongere, _: unknown, ctx: Context) => (await dossier(j, ctx))?.vsvMeldingen ?? [],
        betrokkenenDoorstroom: async (j: Jongere, _: unknown, ctx: Context) => {
          const d = await dossier(j, ctx);
          return d ? betrokkenenVan(d, regions) : [];
        },
      },
    },
  };
}
