/**
 * `npm run token -- --role <role> [--org <GMxxxx|BRIN>] [--bsn <bsn>] [--sub <employee>] [--ttl <seconds>]`
 * prints a bearer token from the local development issuer (the key in DATA_DIR, shared with
 * `npm start`). For demos and tests only.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DevIssuer } from '../gateway/auth/dev-issuer';
import { loadRegister } from '../policies/register';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    role: { type: 'string' }, org: { type: 'string' }, bsn: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string' },
  } });
  const rollen = loadRegister().rollen;
  if (!values.role || !rollen.has(values.role)) throw new Error(`--role must be one of ${[...rollen.keys()].join(', ')}; received ${values.role ?? 'nothing'}`);
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) throw new Error(`--ttl must be a positive number of seconds; received ${values.ttl}`);
  // The key `npm start` uses (DATA_DIR), or the one a compose deployment's gateway was given (DEV_ISSUER_FILE).
  const issuer = await DevIssuer.create(process.env.DEV_ISSUER_FILE || join(process.env.DATA_DIR || 'data', 'dev-issuer.json'));
  console.log(await issuer.sign({ sub: values.sub ?? `demo-${values.role}`, roles: [values.role], org: values.org, bsn: values.bsn }, { ttlSeconds: ttl }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
