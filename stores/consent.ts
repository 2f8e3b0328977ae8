import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { openDurableSqlite } from '../lib/sqlite';
import type { Pool } from 'pg';
import { lazySchema } from './postgres-schema';
import { consentDdl } from './postgres/ddl';

/** Who may receive the data a consent covers: everyone with a role, or everyone of an organisation. */
export interface Ontvanger { soort: 'ROL' | 'ORGANISATIE'; waarde: string }

/** Who recorded a consent or its withdrawal: the young person, or an employee on their behalf. */
export interface Vastlegging {
  door: 'JONGERE' | 'MEDEWERKER';
  /** The employee (token subject) when `door` is MEDEWERKER. */
  medewerker?: string | null;
  organisatie?: string | null;
  /** The activity version (`id@versie`) the change was recorded under. */
  activiteit?: string | null;
}

/** One consent of a young person for one processing activity (all its consent categories, or some). */
export interface Toestemming {
  bsn: string;
  /** Activity id (consent holds across versions of the activity). */
  activiteit: string;
  /** The consent categories covered; null means every category the activity asks consent for. */
  categorieen: string[] | null;
  /**
   * Who may receive the data. Null only on records seeded or imported before recipients were
   * recorded: they count for everyone working under the activity. The graph always sets one.
   */
  ontvanger?: Ontvanger | null;
  /** The purpose the young person agreed to, in their words or the loket's. */
  doel?: string | null;
  /** ISO date from which the consent no longer holds (exclusive, like the register's "tot"); null: until withdrawn. */
  geldigTot?: string | null;
  vastgelegd?: Vastlegging | null;
}

/** A stored consent with its history. */
export interface ToestemmingRecord extends Toestemming {
  id: string;
  gegevenOp: string;
  ingetrokkenOp: string | null;
  ingetrokken: Vastlegging | null;
}

/** Who asks, and on which day: a consent counts only for its recipient and before its end date. */
export interface ToestemmingVraag { rol: string; organisatie: string; dag: string }

/**
 * The durable consent records that the policy rules read and the toestemming subgraph writes.
 * Nothing is ever deleted: a withdrawal ends a record, so the history shows who gave and
 * withdrew what, when, on whose behalf and under which activity.
 */
export interface ConsentStore {
  /** Active consents for `activiteit` that hold for `vraag`, by BSN (categories merged); a BSN without one is absent. */
  actief(activiteit: string, bsns: string[], vraag: ToestemmingVraag): Promise<Map<string, string[] | null>>;
  geef(t: Toestemming, op?: Date): Promise<ToestemmingRecord>;
  /** Ends one record of this person; null when there is no such active record. */
  trekIn(bsn: string, id: string, door: Vastlegging, op?: Date): Promise<ToestemmingRecord | null>;
  /** Every record of one person, oldest first (withdrawn and expired ones included). */
  historie(bsn: string): Promise<ToestemmingRecord[]>;
  /** Gives many consents in one transaction (the population seed). */
  geefAlle(ts: Toestemming[], op?: Date): Promise<void>;
  aantal(): Promise<number>;
  /** Resolves when the store can answer now (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Merges the categories of several matching records: null (all) wins. */
function merge(rows: { bsn: string; categorieen: string[] | null }[]): Map<string, string[] | null> {
  const result = new Map<string, string[] | null>();
  for (const { bsn, categorieen } of rows) {
    const before = result.get(bsn);
    if (before === null || categorieen === null) result.set(bsn, null);
    else result.set(bsn, [...new Set([...(before ?? []), ...categorieen])]);
  }
  return result;
}

interface Rij {
  id: string; bsn: string; activiteit: string; categorieen: string | string[] | null; ontvanger_soort: string | null; ontvanger: string | null;
  doel: string | null; geldig_tot: string | Date | null; vastgelegd: string | Vastlegging | null; gegeven_op: string | Date; ingetrokken_op: string | Date | null; ingetrokken: string | Vastlegging | null;
}
const json = <T>(v: string | T | null): T | null => (v === null ? null : typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v.toISOString() : v);
const dag = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : v.slice(0, 10));

function record(r: Rij): ToestemmingRecord {
  return {
    id: String(r.id), bsn: r.bsn, activiteit: r.activiteit, categorieen: json<string[]>(r.categorieen),
    ontvanger: r.ontvanger_soort ? { soort: r.ontvanger_soort as Ontvanger['soort'], waarde: r.ontvanger! } : null,
    doel: r.doel, geldigTot: dag(r.geldig_tot), vastgelegd: json<Vastlegging>(r.vastgelegd),
    gegevenOp: iso(r.gegeven_op)!, ingetrokkenOp: iso(r.ingetrokken_op), ingetrokken: json<Vastlegging>(r.ingetrokken),
  };
}

const COLUMNS = 'id, bsn, activiteit, categorieen, ontvanger_soort, ontvanger, doel, geldig_tot, vastgelegd, gegeven_op, ingetrokken_op, ingetrokken';
const values = (t: Toestemming, id: string, op: Date) => [id, t.bsn, t.activiteit, t.categorieen ? JSON.stringify(t.categorieen) : null, t.ontvanger?.soort ?? null,
  t.ontvanger?.waarde ?? null, t.doel ?? null, t.geldigTot ?? null, t.vastgelegd ? JSON.stringify(t.vastgelegd) : null, op.toISOString()];

export class SqliteConsentStore implements ConsentStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<number, Database.Statement>();
  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS toestemming (
      id TEXT PRIMARY KEY, bsn TEXT NOT NULL, activiteit TEXT NOT NULL, categorieen TEXT,
      gegeven_op TEXT NOT NULL, ingetrokken_op TEXT);`);
    // Data folders from before recipients, purposes and end dates were recorded get the columns.
    const known = new Set((this.db.prepare('PRAGMA table_info(toestemming)').all() as { name: string }[]).map((c) => c.name));
    for (const c of ['ontvanger_soort', 'ontvanger', 'doel', 'geldig_tot', 'vastgelegd', 'ingetrokken']) if (!known.has(c)) this.db.exec(`ALTER TABLE toestemming ADD COLUMN ${c} TEXT`);
    this.db.exec(`CREATE INDEX IF NOT EXISTS toestemming_actief ON toestemming (activiteit, bsn) WHERE ingetrokken_op IS NULL;
      CREATE INDEX IF NOT EXISTS toestemming_bsn ON toestemming (bsn);`);
  }
  async actief(activiteit: string, bsns: string[], vraag: ToestemmingVraag) {
    if (bsns.length === 0) return new Map();
    let statement = this.statements.get(bsns.length);
    if (!statement) {
      statement = this.db.prepare(`SELECT bsn, categorieen FROM toestemming WHERE activiteit = ? AND ingetrokken_op IS NULL
        AND (geldig_tot IS NULL OR geldig_tot > ?)
        AND (ontvanger_soort IS NULL OR (ontvanger_soort = 'ROL' AND ontvanger = ?) OR (ontvanger_soort = 'ORGANISATIE' AND ontvanger = ?))
        AND bsn IN (${bsns.map(() => '?').join(',')})`);
      this.statements.set(bsns.length, statement);
    }
    const rows = statement.all(activiteit, vraag.dag, vraag.rol, vraag.organisatie, ...bsns) as { bsn: string; categorieen: string | null }[];
    return merge(rows.map((r) => ({ bsn: r.bsn, categorieen: json<string[]>(r.categorieen) })));
  }
  async geef(t: Toestemming, op = new Date()) {
    const id = randomUUID();
    this.db.prepare(`INSERT INTO toestemming (${COLUMNS.replace(', ingetrokken_op, ingetrokken', '')}) VALUES (?,?,?,?,?,?,?,?,?,?)`).run(...values(t, id, op));
    return record(this.db.prepare(`SELECT ${COLUMNS} FROM toestemming WHERE id = ?`).get(id) as Rij);
  }
  async geefAlle(ts: Toestemming[], op = new Date()) {
    const insert = this.db.prepare(`INSERT INTO toestemming (${COLUMNS.replace(', ingetrokken_op, ingetrokken', '')}) VALUES (?,?,?,?,?,?,?,?,?,?)`);
    this.db.transaction(() => { for (const t of ts) insert.run(...values(t, randomUUID(), op)); })();
  }
  async trekIn(bsn: string, id: string, door: Vastlegging, op = new Date()) {
    const changed = this.db.prepare('UPDATE toestemming SET ingetrokken_op = ?, ingetrokken = ? WHERE id = ? AND bsn = ? AND ingetrokken_op IS NULL')
      .run(op.toISOString(), JSON.stringify(door), id, bsn).changes;
    return changed ? record(this.db.prepare(`SELECT ${COLUMNS} FROM toestemming WHERE id = ?`).get(id) as Rij) : null;
  }
  async historie(bsn: string) {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM toestemming WHERE bsn = ? ORDER BY gegeven_op, rowid`).all(bsn) as Rij[]).map(record);
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
  async actief(activiteit: string, bsns: string[], vraag: ToestemmingVraag) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`SELECT bsn, categorieen FROM ${this.schema}.toestemming
      WHERE activiteit = $1 AND ingetrokken_op IS NULL AND bsn = ANY($2) AND (geldig_tot IS NULL OR geldig_tot > $3::date)
        AND (ontvanger_soort IS NULL OR (ontvanger_soort = 'ROL' AND ontvanger = $4) OR (ontvanger_soort = 'ORGANISATIE' AND ontvanger = $5))`,
    [activiteit, bsns, vraag.dag, vraag.rol, vraag.organisatie]);
    return merge(rows as { bsn: string; categorieen: string[] | null }[]);
  }
  async geef(t: Toestemming, op = new Date()) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`INSERT INTO ${this.schema}.toestemming (${COLUMNS.replace(', ingetrokken_op, ingetrokken', '')})
      VALUES ($1,$2,$3,$4::jsonb,$5,$6,$7,$8::date,$9::jsonb,$10::timestamptz) RETURNING ${COLUMNS}`, values(t, randomUUID(), op));
    return record(rows[0] as Rij);
  }
  async geefAlle(ts: Toestemming[], op = new Date()) {
    await this.ensureSchema();
    for (let i = 0; i < ts.length; i += 5000) {
      const rows = ts.slice(i, i + 5000).map((t) => values(t, randomUUID(), op));
      const col = (k: number) => rows.map((r) => r[k]);
      await this.pool.query(`INSERT INTO ${this.schema}.toestemming (${COLUMNS.replace(', ingetrokken_op, ingetrokken', '')})
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::date[], $9::jsonb[], $10::timestamptz[])`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(col));
    }
  }
  async trekIn(bsn: string, id: string, door: Vastlegging, op = new Date()) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`UPDATE ${this.schema}.toestemming SET ingetrokken_op = $1, ingetrokken = $2::jsonb
      WHERE id = $3 AND bsn = $4 AND ingetrokken_op IS NULL RETURNING ${COLUMNS}`, [op, JSON.stringify(door), id, bsn]);
    return rows[0] ? record(rows[0] as Rij) : null;
  }
  async historie(bsn: string) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.schema}.toestemming WHERE bsn = $1 ORDER BY gegeven_op, id`, [bsn]);
    return (rows as Rij[]).map(record);
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
