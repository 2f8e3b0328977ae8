import createClient from 'openapi-fetch';
import { callSource, inChunks, validateSourceOptions, type SourceOptions } from '../../../lib/source';
import type { ZorgBron } from '../port';
import { mapToewijzing } from './mapping';
import type { paths } from './types';

export const ZORG_BATCH_SIZE = 100;

export function createReferentieZorg(options: SourceOptions): ZorgBron {
  const { baseUrl, timeoutMs, fetch, observe } = validateSourceOptions('zorg', options);
  const client = createClient<paths>({ baseUrl, fetch });
  return {
    batchSize: ZORG_BATCH_SIZE,
    async toewijzingen(bsns, aanroep) {
      const clienten = await inChunks(bsns, ZORG_BATCH_SIZE, async (chunk) =>
        (await callSource('zorg', timeoutMs, (signal) => client.POST('/toewijzingen/opvragen', { body: { bsns: chunk }, signal }), { deadline: aanroep?.deadline, observe })).clienten);
      return new Map(clienten.map((c) => [c.bsn, c.toewijzingen.map(mapToewijzing).sort((a, b) => a.begindatum.localeCompare(b.begindatum))]));
    },
    async aantallen(gemeente, aanroep) {
      const { jeugdwet, wmo } = await callSource('zorg', timeoutMs, (signal) => client.GET('/aantallen', { params: { query: { gemeente } }, signal }), { deadline: aanroep?.deadline, observe });
      return { jeugdwet, wmo };
    },
  };
}
