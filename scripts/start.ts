/**
 * `npm start`: the whole system on embedded defaults (no Redis, no PostgreSQL needed), every
 * service in a process of its own under a supervisor (system/supervisor.ts): five simulators, six
 * subgraphs and the gateway, so no single bad request or load on a simulator can take the gateway
 * down. SIGINT/SIGTERM stop it gracefully, gateway first.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isoDate } from '../lib/dates';
import { generateMasterSecret, subgraphKey } from '../lib/internal-context';
import { retryWithBackoff } from '../lib/retry';
import { Population, SHOWCASE_BSN } from '../population/generator';
import { checkedInSupergraph, SUBGRAPHS } from '../schema/compose';
import { SIMULATOR_NAMES } from '../simulators';
import { CONSUMENTEN, FEITEN, feitsleutel } from '../subgraphs/policy/feiten';
import { configFromEnv } from '../system/config';
import { buildSecurity, seedConsent } from '../system/security';
import { SOURCE_OF } from '../system/services';
import { purgeExpired } from '../stores/retention';
import { freePort, Supervisor, type ServiceSpec } from '../system/supervisor';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const config = configFromEnv();
  const dataDir = config.dataDir ?? 'data';
  mkdirSync(dataDir, { recursive: true });
  const peildatum = config.population?.peildatum ?? isoDate(new Date());
  console.log(`Generating the synthetic population (${config.population?.size ?? 10_000} people) and starting simulators, subgraphs and gateway, each in a process of its own...`);

  // Once, before the services: the data folder's keys (pseudonym, dev issuer) and the demo consent.
  const kit = await buildSecurity({ ...config.security, dataDir }, checkedInSupergraph());
  const population = new Population({ ...config.population, peildatum });
  const seeding = retryWithBackoff(async () => {
    const n = await seedConsent(kit, population);
    if (n) console.log(`consent: ${n} records seeded for the synthetic population`);
  }, { maxMs: 30_000, onFailure: (e, attempt) => { if (attempt === 1) console.log(`consent: store not reachable (${(e as Error).message}); seeding later`); } });
  await Promise.race([seeding, new Promise((r) => setTimeout(r, 15_000))]);

  const master = config.security?.internalKeys?.master ?? generateMasterSecret();
  const common: Record<string, string> = { DATA_DIR: dataDir, PEILDATUM: peildatum, HOST: '127.0.0.1' };
  const sims: ServiceSpec[] = await Promise.all(SIMULATOR_NAMES.map(async (name) => ({ id: `sim-${name}`, args: ['simulator', name], port: await freePort(), env: common })));
  const simUrl = (name: string) => `http://127.0.0.1:${sims.find((s) => s.id === `sim-${name}`)!.port}`;
  const subgraphs: ServiceSpec[] = await Promise.all(SUBGRAPHS.map(async ({ name }) => ({
    id: `subgraph-${name}`, args: ['subgraph', name], port: await freePort(),
    env: {
      ...common, SUBGRAPH_NAME: name, SOURCE_URL: simUrl(SOURCE_OF[name]), INTERNAL_CONTEXT_KEY: Buffer.from(subgraphKey(master, name)).toString('base64url'),
      ...(FEITEN.some((f) => f.eigenaar === name) ? { INTERNAL_FACT_KEYS: CONSUMENTEN.filter((c) => c !== name).map((c) => `${c}:${feitsleutel(subgraphKey(master, c), name).toString('base64url')}`).join(',') } : {}),
    },
  })));
  const gateway: ServiceSpec = {
    id: 'gateway', args: ['gateway'], port: config.ports?.gateway ?? 4000,
    env: { ...common, INTERNAL_CONTEXT_SECRET: master, ...Object.fromEntries(subgraphs.map((s) => [`SUBGRAPH_URL_${s.args[1].toUpperCase()}`, `http://127.0.0.1:${s.port}/`])) },
  };
  const supervisor = new Supervisor({ root: ROOT, log: (line) => console.log(line) });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`stopping (${why}): gateway first, then subgraphs, then simulators`);
    await supervisor.stop([[gateway.id], subgraphs.map((s) => s.id), sims.map((s) => s.id)]);
    await kit.close();
    console.log('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await supervisor.startTier(sims);
  await supervisor.startTier(subgraphs);
  await supervisor.startTier([gateway]);
  // Audit retention: now and daily, with a trail of its own (stores/retention.ts).
  const purge = () => purgeExpired(kit.audit, kit.register).then((r) => {
    const n = r.reduce((s, x) => s + x.verwijderd, 0);
    if (n) console.log(`audit retention: ${n} records past their retention period deleted`);
  }, (e) => console.log(`audit retention: postponed (${(e as Error).message})`));
  void purge();
  setInterval(purge, 24 * 3600_000).unref();
  const gatewayUrl = `http://127.0.0.1:${gateway.port}/`;
  const showcase = population.byBsn(SHOWCASE_BSN)!;
  const lines = [
    `Gateway ready at ${gatewayUrl}`,
    `Services: ${[...sims, ...subgraphs].map((s) => `${s.id} :${s.port}`).join(', ')}`,
    `Population: ${population.size} young people (seed ${population.seed}, peildatum ${population.peildatum}); enforcement mode: ${kit.mode}.`,
  ];
  if (kit.devIssuer) {
    const token = await kit.devIssuer.sign({ sub: 'demo-jongerenloket', roles: ['jongerenloket'], org: showcase.gemeenteCode });
    const query = JSON.stringify({ query: `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } startkwalificatie doorstroomstatus heeftUitkering heeftZorgtoewijzing } }` });
    lines.push('', `A first query: the integral view of BRP test person ${SHOWCASE_BSN}, as a Jongerenloket consultant of ${population.regions.get(showcase.gemeenteCode)!.naam}`,
      `(token from the local development issuer; make others with: npm run token -- --role <role> --org <GMxxxx>):`, '',
      `curl -s ${gatewayUrl} -H 'content-type: application/json' -H 'x-verwerkingsactiviteit: jongerenloket-intake' \\`,
      `  -H 'authorization: Bearer ${token}' \\`, `  --data '${query}'`);
  }
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
