import createClient from 'openapi-fetch';
import { aantal, callSource, inChunks, leesAntwoord, lijst, validateSourceOptions, type SourceOptions } from '../../../lib/sources/source';
import type { DoorstroomBron } from '../port';
import { mapDossier } from './mapping';
import type { paths } from './types';

export const LEERPLICHT_BATCH_SIZE = 100;

export function createReferentieLeerplicht(options: SourceOptions): DoorstroomBron {
  const { baseUrl, timeoutMs, fetch, observe } = validateSourceOptions('leerplicht', options);
  const client = createClient<paths>({ baseUrl, fetch });
  return {
    batchSize: LEERPLICHT_BATCH_SIZE,
    maxPageSize: 1000,
    async dossiers(bsns, aanroep) {
      const dossiers = await inChunks(bsns, LEERPLICHT_BATCH_SIZE, async (chunk) =>
        (await callSource('leerplicht', timeoutMs, (signal) => client.POST('/dossiers/opvragen', { body: { bsns: chunk }, signal }), { deadline: aanroep?.deadline, observe })).dossiers);
      return leesAntwoord('leerplicht', () => new Map(lijst<typeof dossiers[number]>(dossiers, 'dossiers').map((d) => [d.bsn, mapDossier(d)])));
    },
    async zoek(q, aanroep) {
      const data = await callSource('leerplicht', timeoutMs, (signal) => client.POST('/jongeren/zoeken', { body: q, signal }), { deadline: aanroep?.deadline, observe });
      return leesAntwoord('leerplicht', () => ({ totaal: aantal(data.totaal), meer: Boolean(data.meer), bsns: lijst<{ bsn: string }>(data.jongeren, 'jongeren').map((j) => j.bsn) }));
    },
  };
}
