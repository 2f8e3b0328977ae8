/**
 * `npm run bench [-- population|graph]`: prints result tables. Figures go into docs/performance.md;
 * nothing here asserts a time.
 */
import { benchGraphTable } from './graph';
import { benchPopulation } from './population';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'population') await benchPopulation([10_000, 100_000, 1_000_000]);
  if (!only || only === 'graph') await benchGraphTable();
}

main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
