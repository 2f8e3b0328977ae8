import createClient from 'openapi-fetch';
import { aantal, callSource, inChunks, leesAntwoord, lijst, validateSourceOptions, type SourceOptions } from '../../../lib/sources/source';
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
      return leesAntwoord('zorg', () => new Map(lijst<typeof clienten[number]>(clienten, 'clienten')
        .map((c) => [c.bsn, lijst<typeof c.toewijzingen[number]>(c.toewijzingen, 'toewijzingen').map(mapToewijzing).sort((a, b) => a.begindatum.localeCompare(b.begindatum))])));
    },
    async aantallen(gemeente, aanroep) {
      const data = await callSource('zorg', timeoutMs, (signal) => client.GET('/aantallen', { params: { query: { gemeente } }, signal }), { deadline: aanroep?.deadline, observe });
      const { jeugdwet, wmo } = leesAntwoord('zorg', () => ({ jeugdwet: aantal(data.jeugdwet), wmo: aantal(data.wmo) }));
      return { jeugdwet, wmo };
    },
  };
}
