import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { close, listen } from '../lib/http/http';
import { Population } from '../population/generator';
import { autorisatiesUitBestand } from '../simulators/brp/autorisatie-bestand';
import { FEATURE_CASES, runFeatureCases } from '../simulators/brp/feature-cases';
import { createBrpSimulator } from '../simulators/brp/server';

/**
 * Runs RvIG's feature cases (simulators/brp/feature-cases.ts) against a BRP API Personen instance.
 *   npm run brp:features                                  the simulator, started here, as an afnemer granted every rubriek
 *   npm run brp:features -- --base-url URL --oin OIN      any instance, as the afnemer OIN
 * Prints one line per case and closes with "brp features: N passed, M failed of T"; exits 1 on a failure.
 */
const { values } = parseArgs({ options: { 'base-url': { type: 'string' }, oin: { type: 'string' } } });

async function main(): Promise<number> {
  let baseUrl = values['base-url'];
  let oin = values.oin;
  let stop = async () => {};
  if (!baseUrl) {
    // The simulator reads the afnemer's authorisation from a BRP_AUTORISATIES file, as a deployment would.
    oin = oin ?? '00000099000000000001';
    const dir = mkdtempSync(join(tmpdir(), 'brp-features-'));
    const file = join(dir, 'autorisaties.json');
    writeFileSync(file, JSON.stringify({ [oin]: ['*'] }));
    const sim = createBrpSimulator(new Population({ size: 200 }), undefined, { autorisaties: autorisatiesUitBestand(file) });
    baseUrl = await listen(sim.server);
    stop = async () => { await close(sim.server); rmSync(dir, { recursive: true, force: true }); };
    console.log(`BRP simulator on ${baseUrl}, afnemer ${oin} authorised for every rubriek (BRP_AUTORISATIES ${file})`);
  }
  try {
    const results = await runFeatureCases(baseUrl, { oin });
    for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.naam}${r.melding ? `\n      ${r.melding}` : ''}`);
    const failed = results.filter((r) => !r.ok).length;
    console.log(`brp features: ${results.length - failed} passed, ${failed} failed of ${FEATURE_CASES.length}`);
    return failed ? 1 : 0;
  } finally {
    await stop();
  }
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
