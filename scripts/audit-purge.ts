/**
 * `npm run audit:purge`: deletes the audit records whose activity's retention period
 * (`bewaartermijn` in the register) has passed, leaving a trail record per activity purged.
 * Run it daily (a Kubernetes CronJob, the compose `audit-retention` service; `npm start` runs it
 * itself). In production it connects with the jf_audit_retention role (AUDIT_DATABASE_URL).
 */
import { checkedInSupergraph } from '../schema/compose';
import { purgeExpired } from '../stores/retention';
import { configFromEnv } from '../system/config';
import { buildSecurity } from '../system/security';

async function main(): Promise<void> {
  const config = configFromEnv();
  const kit = await buildSecurity({ ...config.security, dataDir: config.dataDir ?? 'data' }, checkedInSupergraph());
  try {
    const reports = await purgeExpired(kit.audit, kit.register);
    for (const r of reports) console.log(`${r.activiteit}: ${r.verwijderd} records before ${r.grens} deleted (bewaartermijn ${r.bewaartermijn})`);
  } finally {
    await kit.close();
  }
}

main().catch((error) => { console.error(`audit:purge failed: ${error.message}`); process.exit(1); });
