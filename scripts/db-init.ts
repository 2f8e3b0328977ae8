/**
 * `npm run db:init`: prepares PostgreSQL for production once, as the database owner: a login role
 * per duty with its password (from `*_FILE` secrets), the schema and tables owned by the owner
 * role, and the least privileges each duty needs (stores/postgres/ddl.ts). Safe to run again.
 *   DATABASE_ADMIN_URL(_FILE)  a role that may create roles (the postgres superuser at setup), or
 *   PGHOST, PGUSER, PGDATABASE with DATABASE_ADMIN_PASSWORD(_FILE)
 *   DATABASE_SCHEMA            default jf (a schema of its own)
 *   PG_PASSWORD_<ROLE>_FILE    each role's password (npm run keys -- --dir secrets)
 */
import { readFileSync } from 'node:fs';
import { Client, type ClientConfig } from 'pg';
import { DEFAULT_ROLES, rolesSql, type DatabaseRoles } from '../stores/postgres/ddl';

function secret(name: string): string {
  const value = process.env[name] ?? (process.env[`${name}_FILE`] ? readFileSync(process.env[`${name}_FILE`]!, 'utf8').trim() : undefined);
  if (!value) throw new Error(`${name} or ${name}_FILE must be set`);
  return value;
}

export async function initDatabase(admin: string | ClientConfig, schema: string, roles: DatabaseRoles, passwords: Record<keyof DatabaseRoles, string>): Promise<void> {
  const client = new Client({ ...(typeof admin === 'string' ? { connectionString: admin } : admin), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(rolesSql(schema, roles, passwords));
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const passwords = Object.fromEntries(Object.entries(DEFAULT_ROLES).map(([key, role]) => [key, secret(`PG_PASSWORD_${role.toUpperCase()}`)])) as Record<keyof DatabaseRoles, string>;
  // The admin connection: a URL, or PGHOST/PGUSER/PGDATABASE with the password from a secret file.
  const admin = process.env.DATABASE_ADMIN_URL || process.env.DATABASE_ADMIN_URL_FILE ? secret('DATABASE_ADMIN_URL') : { password: secret('DATABASE_ADMIN_PASSWORD') };
  initDatabase(admin, process.env.DATABASE_SCHEMA || 'jf', DEFAULT_ROLES, passwords)
    .then(() => console.log('database roles, schema and grants are in place'))
    .catch((error) => { console.error(`db:init failed: ${error.message}`); process.exit(1); });
}
