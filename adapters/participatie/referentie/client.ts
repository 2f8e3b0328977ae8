import createClient from 'openapi-fetch';
import { aantal, callSource, inChunks, leesAntwoord, lijst, validateSourceOptions, type SourceOptions } from '../../../lib/sources/source';
import type { ParticipatieBron } from '../port';
import { mapKlant } from './mapping';
import type { paths } from './types';

export const PARTICIPATIE_BATCH_SIZE = 100;

export function createReferentieParticipatie(options: SourceOptions): ParticipatieBron {
  const { baseUrl, timeoutMs, fetch, observe } = validateSourceOptions('participatie', options);
  const client = createClient<paths>({ baseUrl, fetch });
  return {
    batchSize: PARTICIPATIE_BATCH_SIZE,
    async dossiers(bsns, aanroep) {
      const klanten = await inChunks(bsns, PARTICIPATIE_BATCH_SIZE, async (chunk) => {
        const data = await callSource('participatie', timeoutMs, (signal) => client.POST('/klanten/opvragen', { body: { bsns: chunk }, signal }), { deadline: aanroep?.deadline, observe });
        return leesAntwoord('participatie', () => lijst<typeof data.klanten[number]>(data.klanten, 'klanten').map((k) => [k.bsn, mapKlant(k)] as const));
      });
      return new Map(klanten);
    },
    async aantallen(gemeente, aanroep) {
      const data = await callSource('participatie', timeoutMs,
        (signal) => client.GET('/aantallen', { params: { query: { gemeente } }, signal }), { deadline: aanroep?.deadline, observe });
      return leesAntwoord('participatie', () => ({ metUitkering: aantal(data.metUitkering), metTraject: aantal(data.metTraject), jongerenInBeeld: aantal(data.jongerenInBeeld) }));
    },
  };
}
