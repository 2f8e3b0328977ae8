import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maakBron, type AdapterKeuze } from '../adapters/registry';
import type { Clock } from '../lib/domain/dates';
import type { ReplayCache } from '../lib/security/replay-cache';
import type { MutualTls } from '../lib/http/mtls';
import type { Metrics } from '../lib/observability/metrics';
import { reachable } from '../lib/http/readiness';
import type { RegionRegistry } from '../lib/domain/regions';
import type { SubgraphName } from '../schema/compose';
import type { SimulatorName } from '../simulators';
import { basisSubgraph } from '../subgraphs/basis';
import { doorstroomSubgraph } from '../subgraphs/doorstroom';
import { inzageSubgraph } from '../subgraphs/inzage';
import { onderwijsSubgraph } from '../subgraphs/onderwijs';
import { OnderwijsStore } from '../subgraphs/onderwijs/store';
import { participatieSubgraph } from '../subgraphs/participatie';
import type { PolicyContext } from '../subgraphs/policy/shield';
import { startSubgraph, type RunningService, type SubgraphDefinition } from '../subgraphs/runtime';
import { zorgSubgraph } from '../subgraphs/zorg';
import { toestemmingSubgraph } from '../subgraphs/toestemming';
import { monitorSubgraph } from '../subgraphs/monitor';
import { cijferbron, type MonitorInstellingen } from '../subgraphs/monitor/cijferbron';
import type { RedisClientType } from 'redis';
import type { Systeemmodus } from './modus';

/** Which source system each subgraph reads (inzage reads the audit log and toestemming the consent store; both ask the BRP where a person lives). */
export const SOURCE_OF: Record<SubgraphName, SimulatorName> = {
  basis: 'brp', onderwijs: 'duo', doorstroom: 'leerplicht', participatie: 'participatie', zorg: 'zorg', inzage: 'brp', toestemming: 'brp', monitor: 'leerplicht',
};

/**
 * The other source systems a subgraph asks for a cross-domain view (onderwijs: the out-of-sight
 * list), read-only and in batches. Their URLs come as `SOURCE_URL_<SYSTEM>` where services run apart.
 */
export const EXTRA_SOURCES: Partial<Record<SubgraphName, readonly SimulatorName[]>> = {
  onderwijs: ['brp', 'participatie', 'zorg', 'leerplicht'],
  // The monitor reads every domain for its figures (and joins them on pseudonyms).
  monitor: ['brp', 'participatie', 'zorg', 'duo'],
};

export interface SubgraphRuntimeOptions {
  /** Base URL of the subgraph's source system (not used by inzage). */
  sourceUrl: string;
  /** Base URLs of the systems in EXTRA_SOURCES for this subgraph. */
  extraSourceUrls?: Partial<Record<SimulatorName, string>>;
  regions: RegionRegistry;
  clock: Clock;
  /** Per-call timeout towards the source system (ms). */
  sourceTimeoutMs: number;
  /** Folder for durable local state (the onderwijs store); `:memory:` keeps nothing. */
  dataDir: string;
  port: number;
  host: string;
  /** How the register is enforced, and the stores: chosen once at start (system/modus.ts). */
  modus: Systeemmodus;
  /** Mutual TLS: serve HTTPS and accept only the gateway's certificate (from the same CA). */
  tls?: MutualTls;
  /** Prometheus metrics of this process. */
  metrics?: Metrics;
  /** Wait for start-up work (the first ingest) before listening. Default true. */
  awaitStart?: boolean;
  /** Where used context ids are remembered (Redis when configured); default this process's memory. */
  replays?: ReplayCache;
  /** Redis shared by replicas (the monitor shares its computed figures there). */
  redis?: RedisClientType | null;
  /** How the monitor protects its figures. */
  monitor?: MonitorInstellingen;
  /** Injected fetch towards the source system; default global fetch. */
  fetch?: typeof fetch;
  /** Which shipped adapter serves each source system (`ADAPTER_<SYSTEM>`, adapters/registry.ts); default the first listed. */
  adapters?: AdapterKeuze;
  log?: (line: string) => void;
}

/** Builds one subgraph with its adapter and starts it. */
export async function startNamedSubgraph(name: SubgraphName, o: SubgraphRuntimeOptions): Promise<RunningService> {
  const source = { baseUrl: o.sourceUrl, timeoutMs: o.sourceTimeoutMs, fetch: o.fetch,
    observe: o.metrics ? (system: string, seconds: number, outcome: string) => o.metrics!.sourceSeconds.observe({ system, outcome }, seconds) : undefined };
  const kit = o.modus.opslag;
  const bron = <S extends Parameters<typeof maakBron>[0]>(systeem: S, opties = source) => maakBron(systeem, opties, o.adapters);
  const checks: Record<string, () => Promise<void>> = { source: reachable(o.sourceUrl, o.fetch) };
  Object.assign(checks, { audit: () => kit.audit.ping(), ...(name === 'inzage' || name === 'monitor' ? {} : { consent: () => kit.consent.ping() }), ...(name === 'onderwijs' ? { nazorg: () => kit.nazorg.ping() } : {}), ...(name === 'monitor' ? { programma: () => kit.programma.ping(), cijfers: () => kit.cijfers.ping() } : {}) });
  const handhaving = o.modus.subgraph(name, { regions: o.regions, clock: o.clock, replays: o.replays, log: o.log });
  const run = <C extends PolicyContext>(def: SubgraphDefinition<C>) => startSubgraph(def, { port: o.port, host: o.host, handhaving, tls: o.tls, metrics: o.metrics, checks, awaitStart: o.awaitStart });
  switch (name) {
    case 'basis':
      return run(basisSubgraph({ brp: bron('brp'), regions: o.regions, clock: o.clock }));
    case 'doorstroom':
      return run(doorstroomSubgraph({ bron: bron('leerplicht'), regions: o.regions, clock: o.clock }));
    case 'participatie':
      return run(participatieSubgraph({ bron: bron('participatie'), regions: o.regions, clock: o.clock }));
    case 'zorg':
      return run(zorgSubgraph({ bron: bron('zorg'), clock: o.clock }));
    case 'inzage':
      return run(inzageSubgraph({ audit: kit.audit, register: kit.register, pseudonym: kit.pseudonym, brp: bron('brp') }));
    case 'monitor': {
      const extra = (system: SimulatorName) => ({ ...source, baseUrl: o.extraSourceUrls?.[system] ?? '' });
      for (const s of EXTRA_SOURCES.monitor!) if (!o.extraSourceUrls?.[s]) throw new Error(`the monitor needs the ${s} source: set SOURCE_URL_${s.toUpperCase()}`);
      const bronnen = { doorstroom: bron('leerplicht'), brp: bron('brp', extra('brp')), participatie: bron('participatie', extra('participatie')),
        zorg: bron('zorg', extra('zorg')), onderwijs: bron('duo', extra('duo')) };
      return run(monitorSubgraph({ programma: kit.programma, namen: bronnen, cijfers: cijferbron({ bronnen, regions: o.regions, register: kit.register, clock: o.clock, opslag: kit.cijfers, ...o.monitor, log: o.log }), regions: o.regions, clock: o.clock }));
    }
    case 'toestemming':
      return run(toestemmingSubgraph({ consent: kit.consent, register: kit.register, brp: bron('brp'), clock: o.clock,
        audit: { store: kit.audit, pseudonym: kit.pseudonym }, metrics: o.metrics, log: o.log }));
    case 'onderwijs': {
      if (o.dataDir !== ':memory:') mkdirSync(o.dataDir, { recursive: true });
      const store = new OnderwijsStore(o.dataDir === ':memory:' ? ':memory:' : join(o.dataDir, 'onderwijs.sqlite'));
      const retentie = { register: kit.register, clock: o.clock, audit: { store: kit.audit, pseudonym: kit.pseudonym } };
      const extra = (system: SimulatorName) => {
        const url = o.extraSourceUrls?.[system];
        if (!url) throw new Error(`the onderwijs subgraph needs the ${system} source for the out-of-sight list: set SOURCE_URL_${system.toUpperCase()}`);
        return { ...source, baseUrl: url };
      };
      const buitenBeeld = { brp: bron('brp', extra('brp')), participatie: bron('participatie', extra('participatie')),
        zorg: bron('zorg', extra('zorg')), doorstroom: bron('leerplicht', extra('leerplicht')) };
      const def = onderwijsSubgraph({ feed: bron('duo'), store, nazorg: kit.nazorg, regions: o.regions, log: o.log, retentie, buitenBeeld, clock: o.clock });
      return run({ ...def, stop: async () => { await def.stop?.(); store.close(); } });
    }
  }
}
