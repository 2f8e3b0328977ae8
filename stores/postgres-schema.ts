import type { Pool } from 'pg';

/**
 * Creates a store's tables on first use. A failure (database down) is remembered only until the
 * next call, which tries again; it is never left as an unhandled rejection.
 */
export function lazySchema(pool: Pool, schema: string, ddl: string): () => Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`schema must be a plain SQL identifier; received "${schema}"`);
  let ready: Promise<void> | null = null;
  return () => (ready ??= pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema};\n${ddl}`).then(() => undefined, (error) => { ready = null; throw error; }));
}
