import type { Pool } from 'pg';
import { assertIdentifier } from './postgres/ddl';

/**
 * Makes sure a store's table exists on first use: when it does (created by `npm run db:init`
 * with the owner role), nothing is created, so a service's role needs no CREATE privilege; when
 * it does not (embedded and development setups), the DDL runs. A failure (database down) is
 * remembered only until the next call, which tries again; never an unhandled rejection.
 */
export function lazySchema(pool: Pool, schema: string, table: string, ddl: string): () => Promise<void> {
  assertIdentifier(schema);
  let ready: Promise<void> | null = null;
  const ensure = async () => {
    const { rows } = await pool.query('SELECT to_regclass($1) AS t', [`${schema}.${table}`]);
    if (rows[0].t) return;
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema};\n${ddl}`);
  };
  return () => (ready ??= ensure().catch((error) => { ready = null; throw error; }));
}
