import createClient from 'openapi-fetch';
import { callSource, inChunks, validateSourceOptions, type SourceOptions } from '../../../lib/source';
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
      const klanten = await inChunks(bsns, PARTICIPATIE_BATCH_SIZE, async (chunk) =>
        (await callSource('participatie', timeoutMs, (signal) => client.POST('/klanten/opvragen', { body: { bsns: chunk }, signal }), { deadline: aanroep?.deadline, observe })).klanten);
      return new Map(klanten.map((k) => [k.bsn, mapKlant(k)]));
    },
    async aantallen(gemeente, aanroep) {
      const { metUitkering, metTraject, jongerenInBeeld } = await callSource('participatie', timeoutMs,
        (signal) => client.GET('/aantallen', { params: { query: { gemeente } }, signal }), { deadline: aanroep?.deadline, observe });
      return { metUitkering, metTraject, jongerenInBeeld };
    },
  };
}
