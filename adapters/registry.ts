import { createHaalCentraalBrp } from './brp/haal-centraal/client';
import type { BrpBron } from './brp/port';
import { createReferentieLeerplicht } from './leerplicht/referentie/client';
import type { DoorstroomBron } from './leerplicht/port';
import { createDuoLevering } from './onderwijs/duo-levering/client';
import type { OnderwijsFeed } from './onderwijs/port';
import { createReferentieParticipatie } from './participatie/referentie/client';
import type { ParticipatieBron } from './participatie/port';
import { createReferentieZorg } from './zorg/referentie/client';
import type { ZorgBron } from './zorg/port';
import type { SourceOptions } from '../lib/sources/source';

/**
 * Every shipped adapter, per source system and implementation (`adapters/<system>/<vendor>/`):
 * configuration picks the implementation (`ADAPTER_<SYSTEM>`), the code never names it. The first
 * entry of each system is its default. A new vendor's adapter is one line here (and one entry in
 * conformance/doelen.ts).
 */
export interface Bronnen {
  brp: BrpBron;
  leerplicht: DoorstroomBron;
  participatie: ParticipatieBron;
  zorg: ZorgBron;
  duo: OnderwijsFeed;
}
export type Bronsysteem = keyof Bronnen;

export const ADAPTERS: { [S in Bronsysteem]: Readonly<Record<string, (options: SourceOptions) => Bronnen[S]>> } = {
  brp: { 'haal-centraal': createHaalCentraalBrp },
  leerplicht: { referentie: createReferentieLeerplicht },
  participatie: { referentie: createReferentieParticipatie },
  zorg: { referentie: createReferentieZorg },
  duo: { 'duo-levering': createDuoLevering },
};

/** Which implementation serves each system: the configured one, else the first listed. */
export type AdapterKeuze = Partial<Record<Bronsysteem, string>>;

/** Checks a choice against the shipped adapters, with the known ones in the message. */
export function valideerKeuze(keuze: AdapterKeuze): AdapterKeuze {
  for (const [systeem, naam] of Object.entries(keuze) as [string, string | undefined][]) {
    const bekend = ADAPTERS[systeem as Bronsysteem];
    if (!bekend) throw new RangeError(`ADAPTER_${systeem.toUpperCase()}: no source system "${systeem}"; known: ${Object.keys(ADAPTERS).join(', ')}`);
    if (naam !== undefined && !bekend[naam]) throw new RangeError(`ADAPTER_${systeem.toUpperCase()} must be one of ${Object.keys(bekend).join(', ')}; received "${naam}"`);
  }
  return keuze;
}

/** Builds the adapter for `systeem` as chosen (default: the first listed). */
export function maakBron<S extends Bronsysteem>(systeem: S, options: SourceOptions, keuze: AdapterKeuze = {}): Bronnen[S] {
  const bekend = ADAPTERS[systeem];
  const naam = keuze[systeem] ?? Object.keys(bekend)[0];
  const maak = bekend[naam];
  if (!maak) throw new RangeError(`ADAPTER_${systeem.toUpperCase()} must be one of ${Object.keys(bekend).join(', ')}; received "${naam}"`);
  return maak(options);
}
