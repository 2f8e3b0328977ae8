import type DataLoader from 'dataloader';
import type { BrpBron, Persoonsgegevens } from '../../adapters/brp/port';
import { assertBsn } from '../../lib/domain/bsn';
import { ageOn, systemClock, type Clock } from '../../lib/domain/dates';
import type { Regio, RegionRegistry, RegioSoort } from '../../lib/domain/regions';
import { perTrace } from '../../lib/observability/per-trace';
import { batchLoader } from '../../lib/sources/source';
import { isKalenderdatum } from '../../lib/domain/dates';
import type { Vertegenwoordiging } from '../policy/beleid';
import { AppError, SourceError } from '../../lib/errors';
import type { PolicyContext } from '../policy/shield';
import { subgraphTypeDefs, type SubgraphDefinition } from '../runtime';

interface Context extends PolicyContext { personen: DataLoader<string, Persoonsgegevens | null>; deadline?: number }
/**
 * A person as basis resolves it: from the BRP, or a stand-in when the BRP does not know the BSN
 * (`onbekend`) or could not be reached (`bronFout`), so the signed facts can say which.
 */
type Jongere = (Persoonsgegevens & { onbekend?: false; bronFout?: undefined } | { bsn: string; onbekend: true; bronFout?: undefined } | { bsn: string; onbekend?: false; bronFout: SourceError })
  & Vertegenwoordiging;
const bekend = (p: Jongere): p is Persoonsgegevens & Vertegenwoordiging => !p.onbekend && !p.bronFout;

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
  // One loader per trace (one client operation), bound to that operation's deadline.
  const loaders = perTrace(() => ({ deadline: undefined as number | undefined, loader: null as DataLoader<string, Persoonsgegevens | null> | null }));
  const personen = (traceId: string | null, deadline?: number) => {
    const entry = loaders(traceId);
    entry.loader ??= batchLoader(brp.batchSize, (bsns) => brp.personen(bsns, { deadline }), null);
    return entry.loader;
  };
  return {
    name: 'basis',
    kenmerken: (p: Jongere, ctx: Context) => {
      // Basis's own fields of a person the BRP could not give: the source's error, not a scope verdict.
      if (p.bronFout) throw p.bronFout;
      return ctx.beleid.feiten(p, bekend(p) ? { gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum } : { gemeente: null, geboortedatum: null });
    },
    typeDefs: subgraphTypeDefs('basis'),
    // The entry points' scope is decided on the BRP's facts, from the request's own loader (no extra calls).
    feiten: {
      brp: async (bsns, ctx) => {
        const gevonden = await ctx.personen.loadMany(bsns);
        return new Map(bsns.map((bsn, i) => {
          const p = gevonden[i];
          if (p instanceof Error) throw p;
          return [bsn, p ? { gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum } : null];
        }));
      },
    },
    context: ({ traceId, deadline }) => ({ personen: personen(traceId, deadline), deadline }),
    resolvers: {
      Query: {
        // Scope (an unknown BSN answered exactly as one out of scope) is decided by the generated guard.
        jongere: (_: unknown, { bsn }: { bsn: string }, ctx: Context) => ctx.personen.load(assertBsn(bsn)),
        zoekJongeren: async (_: unknown, { geslachtsnaam, geboortedatum }: { geslachtsnaam: string; geboortedatum: string }, ctx: Context) => {
          const naam = geslachtsnaam.trim();
          if (naam.length < 1 || naam.length > 200) throw new AppError('BAD_USER_INPUT', 'geslachtsnaam must be 1 to 200 characters', { argument: 'geslachtsnaam' });
          if (!isKalenderdatum(geboortedatum)) {
            throw new AppError('BAD_USER_INPUT', `geboortedatum must be a calendar date (yyyy-mm-dd); received "${geboortedatum.slice(0, 20)}"`, { argument: 'geboortedatum', rule: 'DATUM' });
          }
          const bsns = await brp.zoek(naam, geboortedatum, { deadline: ctx.deadline });
          // People outside the activity's scope are left out by the guard, as if the BRP did not know them.
          return (await ctx.personen.loadMany(bsns)).filter((p): p is Persoonsgegevens => p !== null && !(p instanceof Error));
        },
        regio: (_: unknown, { code }: { code: string }) => regio(code),
        regios: (_: unknown, { soort }: { soort?: RegioSoort }) => regions.all(soort ?? undefined),
      },
      Jongere: {
        __resolveReference: async (ref: Vertegenwoordiging, ctx: Context): Promise<Jongere> => {
          try {
            const persoon = await ctx.personen.load(ref.bsn);
            return persoon ? { ...ref, ...persoon } : { ...ref, onbekend: true };
          } catch (error) {
            if (error instanceof SourceError) return { ...ref, bronFout: error };
            throw error;
          }
        },
        // The fact other subgraphs' rules need, signed for them; it says so when the BRP is down.
        beleidskenmerken: (p: Jongere, _: unknown, ctx: Context) => {
          const feit = bekend(p) ? { gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum, status: 'BEKEND', bron: 'brp' }
            : { gemeente: null, geboortedatum: null, status: p.bronFout ? 'BRON_ONBEREIKBAAR' : 'ONBEKEND', bron: 'brp' };
          return { ...feit, zegel: ctx.beleid.tekenFeit('beleidskenmerken', p.bsn, feit) };
        },
        naam: (p: Jongere) => (bekend(p) ? p : null),
        leeftijd: (p: Persoonsgegevens) => (p.geboortedatum && !p.overlijdensdatum ? ageOn(p.geboortedatum, clock()) : null),
        woonadres: (p: Persoonsgegevens) => (p.adres ? { ...p.adres, huisnummertoevoeging: p.adres.toevoeging } : null),
        gemeente: (p: Persoonsgegevens) => regio(p.gemeenteCode),
      },
      Regio: {
        __resolveReference: (ref: { code: string }) => regio(ref.code),
        gemeenten: (r: Regio) => r.gemeenten.map((g) => regions.get(g)!),
        arbeidsmarktregio: (r: Regio) => regio(r.arbeidsmarktregio),
        doorstroompuntregio: (r: Regio) => regio(r.doorstroompuntregio),
        provincie: (r: Regio) => regio(r.provincie),
      },
    },
  };
}
