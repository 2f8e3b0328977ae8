import { join } from 'node:path';
import DataLoader from 'dataloader';
import type { OnderwijsFeed } from '../../adapters/onderwijs/port';
import { AppError } from '../../lib/errors';
import type { RegionRegistry } from '../../lib/regions';
import { loadTypeDefs, type SubgraphDefinition } from '../runtime';
import { foldHistorie, isStartkwalificatie, type Diploma, type Onderwijshistorie } from './history';
import { ingestFeed } from './ingest';
import type { OnderwijsStore } from './store';

interface Context { historie: DataLoader<string, Onderwijshistorie> }

export interface OnderwijsOptions {
  feed: OnderwijsFeed;
  store: OnderwijsStore;
  regions: RegionRegistry;
  /** Re-read the feed this often (ms); 0 reads it only at start. Default 0. */
  ingestIntervalMs?: number;
  log?: (line: string) => void;
}

export function onderwijsSubgraph({ feed, store, regions, ingestIntervalMs = 0, log = console.log }: OnderwijsOptions): SubgraphDefinition<Context> {
  let timer: NodeJS.Timeout | undefined;
  const ingest = async () => {
    const verslagen = await ingestFeed(store, feed, log);
    const nieuw = verslagen.filter((v) => v.resultaat === 'ingelezen');
    log(`onderwijs: ${verslagen.length} deliveries, ${nieuw.length} ingested, ${nieuw.reduce((s, v) => s + v.fouten.length, 0)} rows skipped`);
  };
  const gemeentenVan = (code: string) => regions.get(code)?.gemeenten ?? [];
  return {
    name: 'onderwijs',
    typeDefs: loadTypeDefs(join(__dirname, 'schema.graphql')),
    async start() {
      await ingest();
      if (ingestIntervalMs > 0) {
        timer = setInterval(() => ingest().catch((e) => log(`onderwijs: ingest failed: ${(e as Error).message}`)), ingestIntervalMs);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
    },
    context: () => ({
      historie: new DataLoader(async (bsns: readonly string[]) => {
        const regels = store.regelsVoor([...bsns]);
        return bsns.map((bsn) => foldHistorie(regels.filter((r) => r.bsn === bsn)));
      }, { maxBatchSize: 500 }),
    }),
    resolvers: {
      Jongere: {
        __resolveReference: async (ref: { bsn: string }, ctx: Context) => ({ bsn: ref.bsn, ...(await ctx.historie.load(ref.bsn)) }),
        startkwalificatie: (h: Onderwijshistorie) => h.diplomas.some(isStartkwalificatie),
        huidigeInschrijving: (h: Onderwijshistorie) => h.inschrijvingen.filter((i) => i.einddatum === null).at(-1) ?? null,
      },
      Diploma: { startkwalificatie: (d: Diploma) => isStartkwalificatie(d) },
      Regio: {
        __resolveReference: (ref: { code: string }) => (regions.get(ref.code) ? { code: ref.code } : null),
        aantalIngeschreven: ({ code }: { code: string }) => store.aantalOpenInschrijvingen(gemeentenVan(code)),
        aantalVsvRegistraties: ({ code }: { code: string }, { vanaf }: { vanaf?: string }) => {
          if (vanaf !== undefined && vanaf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(vanaf)) {
            throw new AppError('BAD_USER_INPUT', `vanaf must be an ISO date (yyyy-mm-dd); received "${vanaf}"`, { argument: 'vanaf' });
          }
          return store.aantalPersonen(gemeentenVan(code), 'VSV', vanaf ?? undefined);
        },
      },
    },
  };
}
