/**
 * `npm run seed:consent`: writes the demo population's consent records into the consent store
 * (SQLite in DATA_DIR, or PostgreSQL by CONSENT_DATABASE_URL / DATABASE_URL), once: an existing
 * store is left as it is. `npm start` runs it itself; docker-compose runs it as a one-shot service.
 */
import { checkedInSupergraph } from '../schema/compose';
import { Population } from '../population/generator';
import { configFromEnv } from '../system/config';
import { buildSecurity, seedConsent } from '../system/security';

export async function seedConsentFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = configFromEnv(env);
  const kit = await buildSecurity({ ...config.security, dataDir: config.dataDir ?? 'data' }, checkedInSupergraph());
  try {
    return await seedConsent(kit, new Population(config.population));
  } finally {
    await kit.close();
  }
}

if (require.main === module) {
  seedConsentFromEnv().then((n) => console.log(n ? `consent: ${n} records seeded` : 'consent: already seeded, nothing written'),
    (error) => { console.error(`seed:consent failed: ${error.message}`); process.exit(1); });
}
