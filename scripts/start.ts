/** `npm start`: the whole system on embedded defaults, in one process. */
import { configFromEnv } from '../system/config';
import { SHOWCASE_BSN } from '../population/generator';
import { startSystem } from '../system';

async function main(): Promise<void> {
  const config = configFromEnv();
  console.log(`Generating the synthetic population (${config.population?.size ?? 10_000} people) and starting simulators, subgraphs and gateway...`);
  const system = await startSystem(config);
  const { population, security } = system;
  const showcase = population.byBsn(SHOWCASE_BSN)!;
  const lines = [
    `Gateway ready at ${system.gatewayUrl}`,
    `Simulators: ${Object.entries(system.simulators).map(([n, s]) => `${n} ${s.url}`).join(', ')}`,
    `Population: ${population.size} young people (seed ${population.seed}, peildatum ${population.peildatum}); enforcement mode: ${security?.mode}.`,
  ];
  if (security?.devIssuer) {
    const token = await security.devIssuer.sign({ sub: 'demo-jongerenloket', roles: ['jongerenloket'], org: showcase.gemeenteCode });
    const query = JSON.stringify({ query: `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } startkwalificatie doorstroomstatus heeftUitkering heeftZorgtoewijzing } }` });
    lines.push('', `A first query: the integral view of BRP test person ${SHOWCASE_BSN}, as a Jongerenloket consultant of ${population.regions.get(showcase.gemeenteCode)!.naam}`,
      `(token from the local development issuer; make others with: npm run token -- --role <role> --org <GMxxxx>):`, '',
      `curl -s ${system.gatewayUrl} -H 'content-type: application/json' -H 'x-verwerkingsactiviteit: jongerenloket-intake' \\`,
      `  -H 'authorization: Bearer ${token}' \\`, `  --data '${query}'`);
  }
  console.log(`\n${lines.join('\n')}\n`);
  const shutdown = async () => {
    await system.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
