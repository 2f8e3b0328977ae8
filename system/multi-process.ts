/**
 * The whole system as separate processes under a supervisor: what `npm start` runs and what the
 * chaos run drives. Every service in a process of its own, so no single bad request or load on a
 * simulator can take the gateway down.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isoDate } from '../lib/domain/dates';
import { generateMasterSecret, subgraphKey } from '../lib/security/internal-context';
import { Population } from '../population/generator';
import { checkedInSupergraph, SUBGRAPHS } from '../schema/compose';
import { SIMULATOR_NAMES } from '../simulators';
import { purgeExpired } from '../stores/retention';
import { FEITEN, feitsleutelsVan } from '../subgraphs/policy/feiten';
import { formatFactKeys } from './config';
import type { SystemOptions } from './index';
import { buildSecurity, seedConsentWhenReachable, type SecurityKit } from './security';
import { EXTRA_SOURCES, SOURCE_OF } from './services';
import { freePort, Supervisor, type ServiceSpec } from './supervisor';

const ROOT = join(__dirname, '..');

export interface MultiProcessSystem {
  gatewayUrl: string;
  population: Population;
  kit: SecurityKit;
  supervisor: Supervisor;
  services: { simulators: ServiceSpec[]; subgraphs: ServiceSpec[]; gateway: ServiceSpec };
  /** Graceful: gateway first, then subgraphs, then simulators; then the stores. */
  stop(): Promise<void>;
}

/** Starts every service in its own process; `env` is added to every child's environment. */
export async function startMultiProcess(config: SystemOptions, options: { log?: (line: string) => void; env?: Record<string, string> } = {}): Promise<MultiProcessSystem> {
  const log = options.log ?? console.log;
  const dataDir = config.dataDir ?? 'data';
  mkdirSync(dataDir, { recursive: true });
  const peildatum = config.population?.peildatum ?? isoDate(new Date());
  // Once, before the services: the data folder's keys (pseudonym, dev issuer) and the demo consent.
  const kit = await buildSecurity({ ...config.security, dataDir }, checkedInSupergraph());
  const population = new Population({ ...config.population, peildatum });
  const stopping = new AbortController();
  await seedConsentWhenReachable(kit, population, log, stopping.signal);

  const master = config.security?.internalKeys?.master ?? generateMasterSecret();
  const common: Record<string, string> = { DATA_DIR: dataDir, PEILDATUM: peildatum, HOST: '127.0.0.1', ...options.env };
  const simulators: ServiceSpec[] = await Promise.all(SIMULATOR_NAMES.map(async (name) => ({ id: `sim-${name}`, args: ['simulator', name], port: await freePort(), env: common })));
  const simUrl = (name: string) => `http://127.0.0.1:${simulators.find((s) => s.id === `sim-${name}`)!.port}`;
  const subgraphs: ServiceSpec[] = await Promise.all(SUBGRAPHS.map(async ({ name }) => ({
    id: `subgraph-${name}`, args: ['subgraph', name], port: await freePort(),
    env: {
      ...common, SUBGRAPH_NAME: name, SOURCE_URL: simUrl(SOURCE_OF[name]), ...Object.fromEntries((EXTRA_SOURCES[name] ?? []).map((s) => [`SOURCE_URL_${s.toUpperCase()}`, simUrl(s)])), INTERNAL_CONTEXT_KEY: Buffer.from(subgraphKey(master, name)).toString('base64url'),
      ...(FEITEN.some((f) => f.eigenaar === name) ? { INTERNAL_FACT_KEYS: formatFactKeys(feitsleutelsVan(name, (c) => subgraphKey(master, c))) } : {}),
    },
  })));
  const gateway: ServiceSpec = {
    id: 'gateway', args: ['gateway'], port: config.ports?.gateway ?? 4000,
    env: { ...common, INTERNAL_CONTEXT_SECRET: master, ...Object.fromEntries(subgraphs.map((s) => [`SUBGRAPH_URL_${s.args[1].toUpperCase()}`, `http://127.0.0.1:${s.port}/`])) },
  };
  const supervisor = new Supervisor({ root: ROOT, log, readyTimeoutMs: config.startTimeoutMs });
  // eslint-disable-next-line prefer-const -- assigned once below; stop() may run before that
  let retention: NodeJS.Timeout | undefined;
  const stop = async () => {
    stopping.abort();
    clearInterval(retention);
    await supervisor.stop([[gateway.id], subgraphs.map((s) => s.id), simulators.map((s) => s.id)]);
    await kit.close();
  };
  try {
    await supervisor.startTier(simulators);
    await supervisor.startTier(subgraphs);
    await supervisor.startTier([gateway]);
  } catch (error) {
    await stop();
    throw error;
  }
  // Audit retention: now and daily, with a trail of its own (stores/retention.ts).
  const purge = () => purgeExpired(kit.audit, kit.register).then((r) => {
    const n = r.reduce((s, x) => s + x.verwijderd, 0);
    if (n) log(`audit retention: ${n} records past their retention period deleted`);
  }, (e) => log(`audit retention: postponed (${(e as Error).message})`));
  void purge();
  retention = setInterval(purge, 24 * 3600_000);
  retention.unref();
  return { gatewayUrl: `http://127.0.0.1:${gateway.port}/`, population, kit, supervisor, services: { simulators, subgraphs, gateway }, stop };
}
