/**
 * `npm run bench [-- population|enforcement|abuse|audit|monitor|referentie]`: prints result tables. Figures go into docs/performance.md;
 * nothing here asserts a time.
 */
import { benchEnforcement } from './graph';
import { benchPopulation } from './population';
import { benchAbuse } from './abuse';
import { benchAuditDisk } from './audit-disk';
import { benchMonitor } from './monitor';
import { benchReferentie } from './referentie';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'population') await benchPopulation([10_000, 100_000, 1_000_000]);
  if (!only || only === 'enforcement') await benchEnforcement();
  if (!only || only === 'abuse') await benchAbuse();
  if (!only || only === 'audit') await benchAuditDisk();
  if (!only || only === 'monitor') await benchMonitor([100_000, 1_000_000]);
  if (!only || only === 'referentie') await benchReferentie();
}

main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
