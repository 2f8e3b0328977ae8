/**
 * `npm start`: the whole system on embedded defaults (no Redis, no PostgreSQL needed), every
 * service in a process of its own under a supervisor (system/multi-process.ts): five simulators,
 * six subgraphs and the gateway. SIGINT/SIGTERM stop it gracefully, gateway first.
 */
import { SHOWCASE_BSN } from '../population/generator';
import { configFromEnv } from '../system/config';
import { startMultiProcess } from '../system/multi-process';

async function main(): Promise<void> {
  // The local demo offers the pages' demo identities, unless switched off (DEMO_AANMELDEN=false) or in production.
  const env = { ...process.env, DEMO_AANMELDEN: process.env.DEMO_AANMELDEN ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true') };
  const config = configFromEnv(env);
  console.log(`Generating the synthetic population (${config.population?.size ?? 10_000} people) and starting simulators, subgraphs and gateway, each in a process of its own...`);
  const system = await startMultiProcess(config, { env: { DEMO_AANMELDEN: String(config.demoAanmelden ?? false) } });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`stopping (${why}): gateway first, then subgraphs, then simulators`);
    await system.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const { population, kit, services, gatewayUrl } = system;
  const showcase = population.byBsn(SHOWCASE_BSN)!;
  const lines = [
    `Gateway ready at ${gatewayUrl}`,
    `Jongerenloket page: ${gatewayUrl}loket${kit.devIssuer && config.demoAanmelden ? ' (pick a demo identity to sign in)' : ''}`,
    `Services: ${[...services.simulators, ...services.subgraphs].map((s) => `${s.id} :${s.port}`).join(', ')}`,
    `Population: ${population.size} young people (seed ${population.seed}, peildatum ${population.peildatum}); enforcement mode: ${kit.mode}.`,
  ];
  if (kit.devIssuer) {
    const token = await kit.devIssuer.sign({ sub: 'demo-jongerenloket', roles: ['jongerenloket'], org: showcase.gemeenteCode });
    const query = JSON.stringify({ query: `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } startkwalificatie doorstroomstatus heeftUitkering heeftZorgtoewijzing } }` });
    lines.push('', `A first query: the integral view of RvIG test person ${SHOWCASE_BSN} (${showcase.voornamen} ${showcase.geslachtsnaam}), as a Jongerenloket consultant of ${population.regions.get(showcase.gemeenteCode)!.naam}`,
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
