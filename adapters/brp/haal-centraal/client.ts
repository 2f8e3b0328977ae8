import createClient from 'openapi-fetch';
import { callSource, inChunks, leesAntwoord, lijst, validateSourceOptions, type SourceOptions } from '../../../lib/sources/source';
import type { BrpBron } from '../port';
import { BRP_AFNEMER_OIN, BRP_FIELDS, mapPersoon } from './mapping';
import type { components, paths } from './types';

type Persoon = components['schemas']['Persoon'];

/** The Haal Centraal BRP API allows 1-20 BSNs per RaadpleegMetBurgerservicenummer. */
export const BRP_BATCH_SIZE = 20;

export function createHaalCentraalBrp(options: SourceOptions): BrpBron {
  const { baseUrl, timeoutMs, fetch, observe } = validateSourceOptions('brp', options);
  const client = createClient<paths>({ baseUrl, fetch });
  return {
    batchSize: BRP_BATCH_SIZE,
    async personen(bsns, aanroep) {
      const personen = await inChunks(bsns, BRP_BATCH_SIZE, async (chunk) => {
        const data = await callSource('brp', timeoutMs, (signal) => client.POST('/personen', {
          body: { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: chunk, fields: BRP_FIELDS },
          headers: { 'x-origin-oin': BRP_AFNEMER_OIN },
          signal,
        }), { deadline: aanroep?.deadline, observe });
        return leesAntwoord('brp', () => lijst<Persoon>((data as { personen?: unknown }).personen, 'personen'));
      });
      return leesAntwoord('brp', () => new Map(personen.filter((p) => p.burgerservicenummer).map((p) => [p.burgerservicenummer!, mapPersoon(p)])));
    },
    async zoek(geslachtsnaam, geboortedatum, aanroep) {
      // Search for BSNs only; the persons are then read with the fields the layer is authorised for.
      const data = await callSource('brp', timeoutMs, (signal) => client.POST('/personen', {
        body: { type: 'ZoekMetGeslachtsnaamEnGeboortedatum', geslachtsnaam, geboortedatum, fields: ['burgerservicenummer'] },
        headers: { 'x-origin-oin': BRP_AFNEMER_OIN },
        signal,
      }), { deadline: aanroep?.deadline, observe });
      return leesAntwoord('brp', () => lijst<{ burgerservicenummer?: string }>((data as { personen?: unknown }).personen, 'personen').flatMap((p) => (p.burgerservicenummer ? [p.burgerservicenummer] : [])));
    },
  };
}
