import createClient from 'openapi-fetch';
import { callSource, validateSourceOptions, type SourceOptions } from '../../../lib/source';
import type { OnderwijsFeed } from '../port';
import type { paths } from './types';

export function createDuoLevering(options: SourceOptions): OnderwijsFeed {
  const { baseUrl, timeoutMs, fetch } = validateSourceOptions('duo', options);
  const client = createClient<paths>({ baseUrl, fetch });
  return {
    async leveringen() {
      return (await callSource('duo', timeoutMs, (signal) => client.GET('/leveringen', { signal }))).leveringen;
    },
    async bestand(id) {
      return callSource('duo', timeoutMs, (signal) =>
        client.GET('/leveringen/{id}', { params: { path: { id } }, parseAs: 'text', signal }));
    },
  };
}
