/** `npm start`: the whole system on embedded defaults, in one process. */
import { configFromEnv } from '../system/config';
import { startSystem } from '../system';

async function main(): Promise<void> {
  const config = configFromEnv();
  console.log(`Generating the synthetic population (${config.population?.size ?? 10_000} people) and starting simulators, subgraphs and gateway...`);
  const system = await startSystem(config);
  const { population } = system;
  console.log(`
Gateway ready at ${system.gatewayUrl}
Simulators: ${Object.entries(system.simulators).map(([n, s]) => `${n} ${s.url}`).join(', ')}
Population: ${population.size} young people (seed ${population.seed}, peildatum ${population.peildatum}).

A first query (the integral view of BRP test person 999993653):

curl -s ${system.gatewayUrl} -H 'content-type: application/json' --data '{"query":"{ jongere(bsn: \\"999993653\\") { naam { volledigeNaam } leeftijd gemeente { naam } startkwalificatie doorstroomstatus heeftUitkering heeftZorgtoewijzing } }"}'
`);
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
