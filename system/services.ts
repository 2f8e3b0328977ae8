import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHaalCentraalBrp } from '../adapters/brp/haal-centraal/client';
import { createReferentieLeerplicht } from '../adapters/leerplicht/referentie/client';
import { createDuoLevering } from '../adapters/onderwijs/duo-levering/client';
import { createReferentieParticipatie } from '../adapters/participatie/referentie/client';
import { createReferentieZorg } from '../adapters/zorg/referentie/client';
import type { Clock } from '../lib/dates';
import type { RegionRegistry } from '../lib/regions';
import type { SubgraphName } from '../schema/compose';
import { basisSubgraph } from '../subgraphs/basis';
import { doorstroomSubgraph } from '../subgraphs/doorstroom';
import { onderwijsSubgraph } from '../subgraphs/onderwijs';
import { OnderwijsStore } from '../subgraphs/onderwijs/store';
import { participatieSubgraph } from '../subgraphs/participatie';
import { startSubgraph, type RunningService } from '../subgraphs/runtime';
import { zorgSubgraph } from '../subgraphs/zorg';
import type { SimulatorName } from '../simulators';

/** Which source system each subgraph reads. */
export const SOURCE_OF: Record<SubgraphName, SimulatorName> = {
  basis: 'brp', onderwijs: 'duo', doorstroom: 'leerplicht', participatie: 'participatie', zorg: 'zorg',
};

export interface SubgraphRuntimeOptions {
  /** Base URL of the subgraph's source system. */
  sourceUrl: string;
  regions: RegionRegistry;
  clock: Clock;
  /** Per-call timeout towards the source system (ms). */
  sourceTimeoutMs: number;
  /** Folder for durable local state (the onderwijs store); `:memory:` keeps nothing. */
  dataDir: string;
  port: number;
  host: string;
  /** Injected fetch towards the source system; default global fetch. */
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/** Builds one subgraph with its adapter and starts it. */
export async function startNamedSubgraph(name: SubgraphName, o: SubgraphRuntimeOptions): Promise<RunningService> {
  const source = { baseUrl: o.sourceUrl, timeoutMs: o.sourceTimeoutMs, fetch: o.fetch };
  const listen = { port: o.port, host: o.host };
  switch (name) {
    case 'basis':
      return startSubgraph(basisSubgraph({ brp: createHaalCentraalBrp(source), regions: o.regions, clock: o.clock }), listen);
    case 'doorstroom':
      return startSubgraph(doorstroomSubgraph({ bron: createReferentieLeerplicht(source), regions: o.regions, clock: o.clock }), listen);
    case 'participatie':
      return startSubgraph(participatieSubgraph({ bron: createReferentieParticipatie(source), regions: o.regions }), listen);
    case 'zorg':
      return startSubgraph(zorgSubgraph({ bron: createReferentieZorg(source), regions: o.regions, clock: o.clock }), listen);
    case 'onderwijs': {
      if (o.dataDir !== ':memory:') mkdirSync(o.dataDir, { recursive: true });
      const store = new OnderwijsStore(o.dataDir === ':memory:' ? ':memory:' : join(o.dataDir, 'onderwijs.sqlite'));
      const def = onderwijsSubgraph({ feed: createDuoLevering(source), store, regions: o.regions, log: o.log });
      const running = await startSubgraph({ ...def, stop: async () => { await def.stop?.(); store.close(); } }, listen);
      return running;
    }
  }
}
