/**
 * `npm run keys`: fresh secrets for running services in separate processes: the gateway's master
 * secret for subgraph contexts, each subgraph's key derived from it (a subgraph gets only its
 * own), the fact-signing keys of basis and onderwijs (one per consuming subgraph), the audit
 * pseudonym key, and passwords for the PostgreSQL roles. Printed as NAME=value lines, or with
 * `--dir secrets` written one file per secret (mode 600) for docker-compose's `secrets:`.
 * Keep them out of version control.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMasterSecret, subgraphKey } from '../lib/security/internal-context';
import { SUBGRAPHS } from '../schema/compose';
import { DEFAULT_ROLES } from '../stores/postgres/ddl';
import { FEITEN, feitsleutelsVan } from '../subgraphs/policy/feiten';
import { formatFactKeys } from '../system/config';

export function generateSecrets(): Record<string, string> {
  const master = generateMasterSecret();
  const secrets: Record<string, string> = { internal_context_secret: master };
  for (const { name } of SUBGRAPHS) secrets[`internal_context_key_${name}`] = Buffer.from(subgraphKey(master, name)).toString('base64url');
  for (const owner of new Set(FEITEN.map((f) => f.eigenaar))) {
    secrets[`internal_fact_keys_${owner}`] = formatFactKeys(feitsleutelsVan(owner, (c) => subgraphKey(master, c)));
  }
  secrets.pseudonym_key = randomBytes(32).toString('hex');
  // The monitor's cell key secret (MONITOR_CELSLEUTEL): kept for the deployment's lifetime, see docs/monitor.md.
  secrets.monitor_celsleutel = randomBytes(32).toString('hex');
  // The development token issuer of a compose demo (DEV_ISSUER_FILE; `npm run token` reads the same file).
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `dev-${Date.now().toString(36)}`;
  secrets.dev_issuer = JSON.stringify({ privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' }, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } });
  secrets.pg_superuser_password = randomBytes(24).toString('base64url');
  for (const role of Object.values(DEFAULT_ROLES)) {
    const password = randomBytes(24).toString('base64url');
    secrets[`pg_password_${role}`] = password;
    // The connection each duty uses in docker-compose (host postgres, database jongeren).
    secrets[`database_url_${role}`] = `postgres://${role}:${password}@postgres:5432/jongeren`;
  }
  return secrets;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const secrets = generateSecrets();
  if (values.dir) {
    mkdirSync(values.dir, { recursive: true, mode: 0o700 });
    for (const [name, value] of Object.entries(secrets)) writeFileSync(join(values.dir, name), value, { mode: 0o600 });
    console.log(`wrote ${Object.keys(secrets).length} secrets to ${values.dir}/`);
  } else {
    for (const [name, value] of Object.entries(secrets)) console.log(`${name.toUpperCase()}=${value}`);
  }
}
