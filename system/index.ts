import type { AdapterKeuze } from '../adapters/registry';
import { mkdirSync } from 'node:fs';
import { veiligeLog } from '../lib/observability/veilig-log';
import { close, listen, type SimulatorServer } from '../lib/http/http';
import { systemClock, type Clock } from '../lib/domain/dates';
import { createContextSigner } from '../lib/security/internal-context';
import { startGateway } from '../gateway/server';
import { benchmarkGatewayZonderHandhaving } from '../gateway/handhaving';
import { Population, type PopulationOptions } from '../population/generator';
import { checkedInSupergraph, SUBGRAPHS, type SubgraphName } from '../schema/compose';
import { createSimulator, SIMULATOR_NAMES, type SimulatorName, type SimulatorOptions } from '../simulators';
import type { RunningService } from '../subgraphs/runtime';
import { benchmarkModus, registerModus } from './modus';
import { buildSecurity, seedConsentWhenReachable, type SecurityKit, type SecurityOptions } from './security';
import { EXTRA_SOURCES, SOURCE_OF, startNamedSubgraph } from './services';
import type { MonitorInstellingen } from '../subgraphs/monitor/cijferbron';
import type { QueryLimits } from '../gateway/limits/query-limits';
import { connectRedis } from '../lib/storage/redis';
import { DEMO_IDENTITEITEN } from '../gateway/pages/demo';
import { createMetrics, type Metrics } from '../lib/observability/metrics';
import { redisReplayCache } from '../lib/security/replay-cache';
import { localConsentBus, redisConsentBus } from '../stores/consent-bus';
import type { RateLimits } from '../gateway/limits/rate-limit';

export interface SystemOptions {
  /** The synthetic population the simulators serve. Default: 10,000 people, seed 20260101. */
  population?: PopulationOptions;
  /** Today, for ages, activity versions and current allocations. Default: the system clock. */
  clock?: Clock;
  /** Fixed ports; 0 (the default for every service but the gateway's 4000) picks a free one. */
  ports?: Partial<Record<'gateway' | SubgraphName | SimulatorName, number>>;
  /** Folder for durable local state (education store, audit log, consent, dev secrets). Default `./data`; `:memory:` keeps nothing. */
  dataDir?: string;
  /** Per-call timeout towards source systems (ms). Default 2000. */
  sourceTimeoutMs?: number;
  /** Stores, identity provider, keys and enforcement mode (see SecurityOptions). */
  security?: Omit<SecurityOptions, 'dataDir'>;
  /** Query limits and introspection (gateway/limits/query-limits.ts, DEFAULT_QUERY_LIMITS). */
  limits?: Partial<QueryLimits>;
  /** Total time budget of one client request at the gateway (ms). Default 10000. */
  requestTimeoutMs?: number;
  /** Rate limits per employee and organisation (gateway/limits/rate-limit.ts, DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<RateLimits>;
  /** Rewrites the URLs the gateway uses for its subgraphs (tests put a capturing proxy in between). */
  routeSubgraphs?: (urls: Record<SubgraphName, string>) => Record<SubgraphName, string> | Promise<Record<SubgraphName, string>>;
  /** Mutual TLS between gateway and subgraphs: the CA, each subgraph's server pair and the gateway's client pair. */
  tls?: { ca: string; subgraph: { key: string; cert: string }; gateway: { key: string; cert: string } };
  /** Origins a browser may call the gateway from (CORS). Default none. */
  corsOrigins?: string[];
  /** How long a stop waits for in-flight requests (ms). Default 10000. */
  shutdownGraceMs?: number;
  /** Which shipped adapter serves each source system (ADAPTER_<SYSTEM>, adapters/registry.ts). Default the first listed. */
  adapters?: AdapterKeuze;
  /** How long `npm start` waits for each service process to answer its readiness check (START_TIMEOUT_MS). Default 120000. */
  startTimeoutMs?: number;
  /** Redis for the replay cache of gateway contexts and the rate limits, shared by replicas. Absent: memory. */
  redisUrl?: string;
  /** How the monitor protects its figures (MONITOR_DREMPEL, MONITOR_CELSLEUTEL); defaults in subgraphs/monitor/cijferbron.ts. */
  monitor?: MonitorInstellingen;
  /** What the simulators may be given (BRP_AUTORISATIES). */
  simulators?: SimulatorOptions;
  /**
   * Offer the pages' demo sign-in (demo identities, tokens from the development issuer). Off unless
   * set: `npm start` sets it for the local demo (`DEMO_AANMELDEN`); never with NODE_ENV=production.
   */
  demoAanmelden?: boolean;
  /** NODE_ENV=production: the gateway trusts only the configured identity provider (OIDC_*), never the development issuer. */
  productie?: boolean;
  /** The identity provider client the Jongerenloket page signs in with (absent: demo identities when `demoAanmelden`). */
  loketOidc?: { issuer: string; clientId: string; scope?: string };
  /** BENCHMARK ONLY: run without authentication, legal-basis checks or audit, to measure their cost. */
  benchmarkOnlyWithoutEnforcement?: boolean;
  log?: (line: string) => void;
}

export interface RunningSystem {
  gatewayUrl: string;
  population: Population;
  simulators: Record<SimulatorName, SimulatorServer & { url: string }>;
  subgraphs: Record<SubgraphName, RunningService>;
  /** The register, stores and (with the embedded identity provider) the dev issuer for tokens. */
  security: SecurityKit | null;
  /** This process's Prometheus metrics. */
  metrics: Metrics;
  /** The clock the system runs on (tokens for it are issued on its time). */
  clock: Clock;
  stop(): Promise<void>;
}

/** Starts simulators, subgraphs and gateway in this process, on loopback. */
export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const population = new Population(options.population);
  const clock = options.clock ?? systemClock;
  const ports = options.ports ?? {};
  const dataDir = options.dataDir ?? 'data';
  // Every log line of every service passes through one filter: no BSN in a log, ever.
  const log = veiligeLog(options.log ?? console.log);
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const supergraphSdl = checkedInSupergraph();
  const redis = options.redisUrl ? connectRedis(options.redisUrl, log) : null;
  const metrics = createMetrics();
  const replays = redis ? redisReplayCache(redis, { log }) : undefined;
  // One process: its subgraphs share one consent cache; with Redis, replicas elsewhere hear changes too.
  const consentBus = options.benchmarkOnlyWithoutEnforcement ? null : redis ? redisConsentBus(redis, { log }) : localConsentBus();
  const kit = options.benchmarkOnlyWithoutEnforcement ? null : await buildSecurity({ ...options.security, dataDir, clock, consentBus }, supergraphSdl);
  // The one place the enforcement mode is chosen; everything below asks this object.
  const modus = kit ? registerModus(kit) : benchmarkModus();
  const stopping = new AbortController();
  if (kit) await seedConsentWhenReachable(kit, population, log, stopping.signal);
  const simulators = {} as RunningSystem['simulators'];
  const subgraphs = {} as RunningSystem['subgraphs'];
  let gateway: { url: string; stop(graceMs?: number): Promise<void> } | undefined;
  // Graceful, outside in: the gateway stops accepting and finishes what is in flight, then the
  // subgraphs (their audit writes flushed), the simulators, and last the stores.
  const stop = async () => {
    stopping.abort();
    await gateway?.stop(options.shutdownGraceMs);
    await Promise.all(Object.values(subgraphs).map((s) => s.stop(options.shutdownGraceMs)));
    await Promise.all(Object.values(simulators).map((s) => close(s.server)));
    await modus.opslag.close();
    if (redis?.isReady) await redis.quit().catch(() => undefined);
    else if (redis?.isOpen) redis.destroy();
  };
  try {
    for (const name of SIMULATOR_NAMES) {
      const sim = createSimulator(name, population, clock, options.simulators);
      simulators[name] = Object.assign(sim, { url: await listen(sim.server, ports[name] ?? 0) });
    }
    // Reporting tables and indexes are built before anything asks, as a real system keeps them.
    for (const sim of Object.values(simulators)) await sim.warm();
    await Promise.all(SUBGRAPHS.map(async ({ name }) => {
      subgraphs[name] = await startNamedSubgraph(name, {
        sourceUrl: simulators[SOURCE_OF[name]].url, extraSourceUrls: Object.fromEntries((EXTRA_SOURCES[name] ?? []).map((s) => [s, simulators[s].url])), regions: population.regions, clock,
        sourceTimeoutMs: options.sourceTimeoutMs ?? 2000, dataDir, port: ports[name] ?? 0, host: '127.0.0.1', log,
        modus, replays, redis, monitor: options.monitor, metrics, tls: options.tls ? { ...options.tls.subgraph, ca: options.tls.ca } : undefined, adapters: options.adapters,
      });
    }));
    const direct = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphs[name]?.url ?? 'http://127.0.0.1:9/'])) as Record<SubgraphName, string>;
    const subgraphUrls = options.routeSubgraphs ? await options.routeSubgraphs(direct) : direct;
    gateway = await startGateway({
      supergraphSdl, subgraphUrls, clock, paginas: kit ? { register: kit.register, clock, devIssuer: kit.devIssuer, demo: options.demoAanmelden ?? false, demoIdentiteiten: DEMO_IDENTITEITEN, oidc: options.loketOidc } : undefined, port: ports.gateway ?? 4000, log, limits: options.limits, requestTimeoutMs: options.requestTimeoutMs, rateLimits: options.rateLimits, redis, metrics, corsOrigins: options.corsOrigins, tls: options.tls ? { ...options.tls.gateway, ca: options.tls.ca } : undefined,
      security: kit ? { authenticate: kit.authenticate, register: kit.register, categories: kit.categories, sign: createContextSigner(kit.internalMaster!), mode: kit.mode,
        audit: { store: kit.audit, pseudonym: kit.pseudonym } }
        : benchmarkGatewayZonderHandhaving(log),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: gateway.url, population, simulators, subgraphs, security: kit, metrics, clock, stop };
}
