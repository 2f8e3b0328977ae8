import { parseArgs } from 'node:util';
import { close, listen } from '../lib/http/http';
import { Population } from '../population/generator';
import { createSimulator } from '../simulators';
import { GELEVERDE_ADAPTERS } from '../conformance/doelen';
import { KAPOTTE_ADAPTERS } from '../conformance/kapot';
import type { FeedDoel } from '../conformance/feed';
import { controleerAdapter, rapport, type Doel } from '../conformance/suite';

/**
 * `npm run conformance`: every shipped adapter against its own simulator.
 * `npm run conformance -- --adapter <name> --base-url <url>`: one adapter against a vendor's test
 * instance (the checks that need the simulator are skipped and listed as such).
 * `--adapter kapot/...` runs a deliberately broken adapter, to see what a failure says.
 * Closes with `conformance: N passed, M failed` (adapters) and exits 1 on any failure.
 */
const { values } = parseArgs({ options: { adapter: { type: 'string' }, 'base-url': { type: 'string' } } });
const alle = [...GELEVERDE_ADAPTERS, ...KAPOTTE_ADAPTERS];

async function main(): Promise<number> {
  const gekozen: (Doel<any> | FeedDoel)[] = values.adapter ? alle.filter((d) => d.naam === values.adapter) : [...GELEVERDE_ADAPTERS];
  if (!gekozen.length) {
    console.error(`unknown adapter "${values.adapter}"; known: ${alle.map((d) => d.naam).join(', ')}`);
    return 2;
  }
  if (values['base-url'] && gekozen.length !== 1) {
    console.error('--base-url needs --adapter <name>');
    return 2;
  }
  const population = new Population({ size: 2_000, seed: 7, peildatum: '2026-11-01' });
  let geslaagd = 0;
  let gefaald = 0;
  for (const doel of gekozen) {
    let uitslagen;
    if (values['base-url']) {
      uitslagen = await controleerAdapter(doel, { baseUrl: values['base-url'] });
    } else {
      const sim = createSimulator(doel.simulator, population, () => new Date('2026-11-01T12:00:00Z'));
      const baseUrl = await listen(sim.server);
      try { uitslagen = await controleerAdapter(doel, { baseUrl, sim, population }); } finally { await close(sim.server); }
    }
    const r = rapport(doel.naam, uitslagen);
    console.log(r.regels.join('\n'));
    if (r.geslaagd) geslaagd++; else gefaald++;
  }
  console.log(`conformance: ${geslaagd} passed, ${gefaald} failed`);
  return gefaald ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
