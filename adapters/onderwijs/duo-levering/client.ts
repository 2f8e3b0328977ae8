import createClient from 'openapi-fetch';
import { callSource, leesAntwoord, lijst, validateSourceOptions, type SourceOptions } from '../../../lib/sources/source';
import type { Levering } from '../port';
import type { OnderwijsFeed } from '../port';
import type { paths } from './types';

export interface DuoLeveringOptions extends SourceOptions {
  /**
   * Timeout for downloading one delivery file (ms). A file holds a school year of a region and is
   * megabytes, not a look-up: it gets its own budget. Default 60000.
   */
  downloadTimeoutMs?: number;
}

export function createDuoLevering(options: DuoLeveringOptions): OnderwijsFeed {
  const { baseUrl, timeoutMs, fetch, observe } = validateSourceOptions('duo', options);
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 60_000;
  if (!Number.isInteger(downloadTimeoutMs) || downloadTimeoutMs <= 0) {
    throw new TypeError(`duo: downloadTimeoutMs must be a positive integer; received ${options.downloadTimeoutMs}`);
  }
  const client = createClient<paths>({ baseUrl, fetch });
  return {
    async leveringen(afnemer) {
      const data = await callSource('duo', timeoutMs, (signal) => client.GET('/leveringen', { params: { query: { afnemer } }, signal }), { observe });
      return leesAntwoord('duo', () => lijst<Levering>(data.leveringen, 'leveringen').map(levering));
    },
    async volledig(afnemer) {
      const data = await callSource('duo', timeoutMs, (signal) => client.POST('/leveringen/volledig', { body: { afnemer }, signal }), { observe });
      return leesAntwoord('duo', () => levering(data.levering));
    },
    async bestand(id) {
      const tekst = await callSource('duo', Math.max(timeoutMs, downloadTimeoutMs), (signal) =>
        client.GET('/leveringen/{id}', { params: { path: { id } }, parseAs: 'text', signal }), { observe });
      return leesAntwoord('duo', () => { if (typeof tekst !== 'string') throw new TypeError('the file is not text'); return tekst; });
    },
  };
}

/** One entry of the index, checked: an id, its kind, and a row count. */
function levering(l: unknown): Levering {
  const v = l as Partial<Levering> | null;
  if (!v || typeof v.id !== 'string' || (v.soort !== 'C' && v.soort !== 'P') || !Number.isInteger(v.aantalRegels)) throw new TypeError('a delivery without id, soort or aantalRegels');
  return v as Levering;
}
