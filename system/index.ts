import { mkdirSync } from 'node:fs';
import { close, listen, type SimulatorServer } from '../lib/http';
import { systemClock, type Clock } from '../lib/dates';
import { startGateway, type PrePlanningStep } from '../gateway/server';
import { Population, type PopulationOptions } from '../population/generator';
import { checkedInSupergraph, SUBGRAPHS, type SubgraphName } from '../schema/compose';
import { createSimulator, SIMULATOR_NAMES, type SimulatorName } from '../simulators';
import type { RunningService } from '../subgraphs/runtime';
import { SOURCE_OF, startNamedSubgraph } from './services';

export interface SystemOptions {
  /** The synthetic population the simulators serve. Default: 10,000 people, seed 20260101. */
  population?: PopulationOptions;
  /** Today, for ages and current allocations. Default: the system clock. */
  clock?: Clock;
  /** Fixed ports; 0 (the default for every service but the gateway's 4000) picks a free one. */
  ports?: Partial<Record<'gateway' | SubgraphName | SimulatorName, number>>;
  /** Folder for durable local state. Default `./data`; `:memory:` keeps nothing. */
  dataDir?: string;
  /** Per-call timeout towards source systems (ms). Default 2000. */
  sourceTimeoutMs?: number;
  /** Steps the gateway runs before query planning. */
  prePlanning?: PrePlanningStep[];
  log?: (line: string) => void;
}

export interface RunningSystem {
  gatewayUrl: string;
  population: Population;
  simulators: Record<SimulatorName, SimulatorServer & { url: string }>;
  subgraphs: Record<SubgraphName, RunningService>;
  stop(): Promise<void>;
}

/** Starts simulators, subgraphs and gateway in this process, on loopback. */
export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const population = new Population(options.population);
  const clock = options.clock ?? systemClock;
  const ports = options.ports ?? {};
  const dataDir = options.dataDir ?? 'data';
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const simulators = {} as RunningSystem['simulators'];
  const subgraphs = {} as RunningSystem['subgraphs'];
  let gateway: { url: string; stop(): Promise<void> } | undefined;
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    await Promise.all(Object.values(simulators).map((s) => close(s.server)));
  };
  try {
    for (const name of SIMULATOR_NAMES) {
      const sim = createSimulator(name, population, clock);
      simulators[name] = Object.assign(sim, { url: await listen(sim.server, ports[name] ?? 0) });
    }
    await Promise.all(SUBGRAPHS.map(async ({ name }) => {
      subgraphs[name] = await startNamedSubgraph(name, {
        sourceUrl: simulators[SOURCE_OF[name]].url, regions: population.regions, clock,
        sourceTimeoutMs: options.sourceTimeoutMs ?? 2000, dataDir, port: ports[name] ?? 0, host: '127.0.0.1', log: options.log,
      });
    }));
    gateway = await startGateway({
      supergraphSdl: checkedInSupergraph(),
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphs[name].url])) as Record<SubgraphName, string>,
      port: ports.gateway ?? 4000,
      prePlanning: options.prePlanning,
      log: options.log,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: gateway.url, population, simulators, subgraphs, stop };
}
