import type Database from 'better-sqlite3';
import { openDurableSqlite } from '../lib/sqlite';
import type { Pool } from 'pg';
import { lazySchema } from './postgres-schema';
import { consentDdl } from './postgres/ddl';

/** One consent of a young person for one processing activity (all its consent categories, or some). */
export interface Toestemming {
  bsn: string;
  /** Activity id (consent holds across versions of the activity). */
  activiteit: string;
  /** The consent categories covered; null means every category the activity asks consent for. */
  categorieen: string[] | null;
}

/**
 * The durable consent records that the policy rules read. Giving and withdrawing consent through
 * the graph comes later; the interface is ready for it (history is kept: withdrawal ends a record).
 */
export interface ConsentStore {
  /** Active consents for `activiteit`, by BSN; a BSN without one is absent. */
  actief(activiteit: string, bsns: string[]): Promise<Map<string, string[] | null>>;
  geef(t: Toestemming, op?: Date): Promise<void>;
  trekIn(bsn: string, activiteit: string, op?: Date): Promise<void>;
  /** Gives many consents in one transaction (the population seed). */
  geefAlle(ts: Toestemming[], op?: Date): Promise<void>;
  aantal(): Promise<number>;
  /** Resolves when the store can answer now (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const row = (r: { bsn: string; categorieen: string | null }) => [r.bsn, r.categorieen === null ? null : (JSON.parse(r.categorieen) as string[])] as const;

export class SqliteConsentStore implements ConsentStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<number, Database.Statement>();
  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS toestemming (
      id INTEGER PRIMARY KEY, bsn TEXT NOT NULL, activiteit TEXT NOT NULL, categorieen TEXT,
      gegeven_op TEXT NOT NULL, ingetrokken_op TEXT);
      CREATE INDEX IF NOT EXISTS toestemming_actief ON toestemming (activiteit, bsn) WHERE ingetrokken_op IS NULL;`);
  }
  async actief(activiteit: string, bsns: string[]) {
    if (bsns.length === 0) return new Map();
    let statement = this.statements.get(bsns.length);
    if (!statement) {
      statement = this.db.prepare(`SELECT bsn, categorieen FROM toestemming WHERE activiteit = ? AND ingetrokken_op IS NULL
        AND bsn IN (${bsns.map(() => '?').join(',')})`);
      this.statements.set(bsns.length, statement);
    }
    const rows = statement.all(activiteit, ...bsns) as { bsn: string; categorieen: string | null }[];
    return new Map(rows.map(row));
  }
  async geef(t: Toestemming, op = new Date()) {
    await this.geefAlle([t], op);
  }
  async geefAlle(ts: Toestemming[], op = new Date()) {
    const insert = this.db.prepare('INSERT INTO toestemming (bsn, activiteit, categorieen, gegeven_op) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const t of ts) insert.run(t.bsn, t.activiteit, t.categorieen ? JSON.stringify(t.categorieen) : null, op.toISOString());
    })();
  }
  async trekIn(bsn: string, activiteit: string, op = new Date()) {
    this.db.prepare('UPDATE toestemming SET ingetrokken_op = ? WHERE bsn = ? AND activiteit = ? AND ingetrokken_op IS NULL').run(op.toISOString(), bsn, activiteit);
  }
  async aantal() {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM toestemming').get() as { n: number }).n;
  }
  async ping() {
    this.db.prepare('SELECT 1').get();
  }
  async close() {
    this.db.close();
  }
}

/** PostgreSQL, for production: tables live in `schema` (created when missing). */
export class PostgresConsentStore implements ConsentStore {
  private readonly ensureSchema: () => Promise<void>;
  constructor(private readonly pool: Pool, private readonly schema = 'public') {
    this.ensureSchema = lazySchema(pool, schema, 'toestemming', consentDdl(schema));
  }
  async actief(activiteit: string, bsns: string[]) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`SELECT bsn, categorieen FROM ${this.schema}.toestemming
      WHERE activiteit = $1 AND ingetrokken_op IS NULL AND bsn = ANY($2)`, [activiteit, bsns]);
    return new Map(rows.map((r) => [r.bsn as string, r.categorieen as string[] | null]));
  }
  async geef(t: Toestemming, op = new Date()) {
    await this.geefAlle([t], op);
  }
  async geefAlle(ts: Toestemming[], op = new Date()) {
    await this.ensureSchema();
    for (let i = 0; i < ts.length; i += 5000) {
      const chunk = ts.slice(i, i + 5000);
      await this.pool.query(`INSERT INTO ${this.schema}.toestemming (bsn, activiteit, categorieen, gegeven_op)
        SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[])`,
        [chunk.map((t) => t.bsn), chunk.map((t) => t.activiteit), chunk.map((t) => (t.categorieen ? JSON.stringify(t.categorieen) : null)), chunk.map(() => op)]);
    }
  }
  async trekIn(bsn: string, activiteit: string, op = new Date()) {
    await this.ensureSchema();
    await this.pool.query(`UPDATE ${this.schema}.toestemming SET ingetrokken_op = $1 WHERE bsn = $2 AND activiteit = $3 AND ingetrokken_op IS NULL`, [op, bsn, activiteit]);
  }
  async aantal() {
    await this.ensureSchema();
    return Number((await this.pool.query(`SELECT COUNT(*) AS n FROM ${this.schema}.toestemming`)).rows[0].n);
  }
  async ping() {
    await this.ensureSchema();
    await this.pool.query('SELECT 1');
  }
  async close() {}
}
