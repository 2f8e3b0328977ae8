/**
 * Runs one service in its own process, as the containers of docker-compose.yml do:
 *   tsx scripts/serve.ts simulator <brp|leerplicht|participatie|zorg|duo>
 *   tsx scripts/serve.ts subgraph <basis|onderwijs|doorstroom|participatie|zorg|inzage>
 *   tsx scripts/serve.ts gateway
 * Configuration comes from environment variables (README, "Configuration"); the keys that tie
 * gateway and subgraphs together come from `npm run keys`.
 */
import { close, listen } from '../lib/http/http';
import { logFout } from '../lib/observability/veilig-log';
import { createMetrics } from '../lib/observability/metrics';
import { connectRedis } from '../lib/storage/redis';
import { redisConsentBus } from '../stores/consent-bus';
import { mutualTlsFromEnv } from '../lib/http/mtls';
import { redisReplayCache } from '../lib/security/replay-cache';
import { demoRegions } from '../lib/domain/regions';
import { systemClock } from '../lib/domain/dates';
import { createContextSigner } from '../lib/security/internal-context';
import { startGateway } from '../gateway/server';
import { DEMO_IDENTITEITEN } from '../gateway/pages/demo';
import { checkedInSupergraph, SUBGRAPHS, type SubgraphName } from '../schema/compose';
import { createSimulator, SIMULATOR_NAMES, type SimulatorName } from '../simulators';
import { Population } from '../population/generator';
import { configFromEnv } from '../system/config';
import { buildSecurity } from '../system/security';
import { registerModus } from '../system/modus';
import { EXTRA_SOURCES, startNamedSubgraph } from '../system/services';

export const ROLES = { simulator: SIMULATOR_NAMES as readonly string[], subgraph: SUBGRAPHS.map((s) => s.name) as readonly string[], gateway: [''] };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/** Starts one service; resolves with how to stop it gracefully. */
async function main(role: string, name = ''): Promise<() => Promise<void>> {
  const config = configFromEnv();
  const host = process.env.HOST || '127.0.0.1';
  const port = config.ports?.gateway ?? 4000;
  if (!(role in ROLES) || !ROLES[role as keyof typeof ROLES].includes(name)) {
    throw new Error(`usage: serve.ts simulator <${SIMULATOR_NAMES.join('|')}> | subgraph <${SUBGRAPHS.map((s) => s.name).join('|')}> | gateway; received "${role} ${name}"`);
  }
  if (role === 'simulator') {
    const sim = createSimulator(name as SimulatorName, new Population(config.population), systemClock, config.simulators);
    console.log(`simulator ${name} at ${await listen(sim.server, port, host)}`);
    await sim.warm();
    return () => close(sim.server);
  }
  const keys = config.security?.internalKeys;
  if (role === 'gateway' ? !keys?.master : !keys?.forSubgraph) throw new Error(`${role === 'gateway' ? 'INTERNAL_CONTEXT_SECRET' : 'INTERNAL_CONTEXT_KEY'} (or its _FILE) must be set`);
  if (role === 'subgraph' && process.env.SUBGRAPH_NAME !== name) throw new Error(`SUBGRAPH_NAME must be "${name}" (its INTERNAL_CONTEXT_KEY is derived for that name)`);
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : null;
  // Without Redis a replica cannot hear another's consent change, so it keeps no consent cache.
  const kit = await buildSecurity({ ...config.security, dataDir: config.dataDir ?? 'data', consentBus: redis ? redisConsentBus(redis) : null }, checkedInSupergraph());
  const metrics = createMetrics();
  const closeAll = async (running: { stop(graceMs?: number): Promise<void> }) => {
    await running.stop(config.shutdownGraceMs);
    await kit.close();
    if (redis?.isOpen) await redis.quit().catch(() => undefined);
  };
  if (role === 'subgraph') {
    const running = await startNamedSubgraph(name as SubgraphName, {
      sourceUrl: required('SOURCE_URL'), regions: demoRegions(), clock: systemClock,
      sourceTimeoutMs: config.sourceTimeoutMs ?? 2000, dataDir: config.dataDir ?? 'data', port, host, modus: registerModus(kit),
      extraSourceUrls: Object.fromEntries((EXTRA_SOURCES[name as SubgraphName] ?? []).map((s) => [s, required(`SOURCE_URL_${s.toUpperCase()}`)])),
      replays: redis ? redisReplayCache(redis) : undefined, redis, monitor: config.monitor, tls: mutualTlsFromEnv(), metrics, awaitStart: false, adapters: config.adapters,
    });
    console.log(`subgraph ${name} at ${running.url}`);
    return () => closeAll(running);
  }
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, required(`SUBGRAPH_URL_${s.name.toUpperCase()}`)])) as Record<SubgraphName, string>;
  // Production trusts only the municipality's identity provider: never the development issuer, never demo identities.
  if (config.productie && !config.security?.oidc) throw new Error('NODE_ENV=production: the gateway trusts only the configured identity provider; set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL');
  const gateway = await startGateway({
    supergraphSdl: checkedInSupergraph(), subgraphUrls, port, host, clock: systemClock,
    paginas: { register: kit.register, clock: systemClock, devIssuer: kit.devIssuer, demo: config.demoAanmelden ?? false, demoIdentiteiten: DEMO_IDENTITEITEN, oidc: config.loketOidc }, redis, tls: mutualTlsFromEnv(), metrics,
    limits: config.limits, rateLimits: config.rateLimits, requestTimeoutMs: config.requestTimeoutMs, corsOrigins: config.corsOrigins,
    security: { authenticate: kit.authenticate, register: kit.register, categories: kit.categories, sign: createContextSigner(keys!.master!), mode: kit.mode,
      audit: { store: kit.audit, pseudonym: kit.pseudonym } },
  });
  console.log(`gateway at ${gateway.url}`);
  return () => closeAll(gateway);
}

/**
 * Stops gracefully on SIGTERM or SIGINT, and when the supervisor that started this process goes
 * away (its IPC channel closes), so no service is left running as an orphan.
 */
function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${process.argv.slice(2).join(' ')}: stopping (${why})`);
    stop().then(() => process.exit(0), (error) => { console.error(logFout('stopping failed:', error)); process.exit(1); });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  if (process.send) process.once('disconnect', () => shutdown('supervisor gone'));
}

if (require.main === module) {
  main(process.argv[2] ?? '', process.argv[3]).then(stopOnSignals, (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
