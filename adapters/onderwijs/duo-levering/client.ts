import createClient from 'openapi-fetch';
import { callSource, validateSourceOptions, type SourceOptions } from '../../../lib/source';
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
      return (await callSource('duo', timeoutMs, (signal) => client.GET('/leveringen', { params: { query: { afnemer } }, signal }), { observe })).leveringen;
    },
    async volledig(afnemer) {
      return (await callSource('duo', timeoutMs, (signal) => client.POST('/leveringen/volledig', { body: { afnemer }, signal }), { observe })).levering;
    },
    async bestand(id) {
      return callSource('duo', Math.max(timeoutMs, downloadTimeoutMs), (signal) =>
        client.GET('/leveringen/{id}', { params: { path: { id } }, parseAs: 'text', signal }), { observe });
    },
  };
}
