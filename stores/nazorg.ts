import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { openDurableSqlite } from '../lib/storage/sqlite';
import { lazySchema } from './postgres-schema';
import { nazorgDdl } from './postgres/ddl';

/**
 * One nazorg contact a school recorded with a former student (the school is its controller). Its
 * outcome and reason are codes, never free text: a note could hold anything (health, other
 * people), which the school has no basis to record. Older rows' free-text notes are not read.
 */
export interface Nazorgcontact {
  id: string; bsn: string; brin: string; datum: string; soort: string; uitkomst: string; reden: string | null; medewerker: string; vastgelegdOp: string;
}

/**
 * The schools' nazorg records: durable and shared by every replica of the onderwijs subgraph
 * (SQLite embedded, PostgreSQL in production). Append-only for the services.
 */
export interface NazorgStore {
  bewaar(c: Nazorgcontact): Promise<void>;
  /** Contacts of these people, oldest first; only one school's when `brin` is given. */
  van(bsns: string[], brin?: string | null): Promise<Nazorgcontact[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const COLUMNS = 'id, bsn, brin, datum, soort, uitkomst, reden, medewerker, vastgelegd_op';
const row = (r: Record<string, unknown>): Nazorgcontact => ({
  id: String(r.id), bsn: String(r.bsn), brin: String(r.brin), datum: r.datum instanceof Date ? r.datum.toISOString().slice(0, 10) : String(r.datum),
  soort: String(r.soort), uitkomst: String(r.uitkomst), reden: (r.reden as string | null) ?? null, medewerker: String(r.medewerker),
  vastgelegdOp: r.vastgelegd_op instanceof Date ? r.vastgelegd_op.toISOString() : String(r.vastgelegd_op),
});
const values = (c: Nazorgcontact) => [c.id, c.bsn, c.brin, c.datum, c.soort, c.uitkomst, c.reden, c.medewerker, c.vastgelegdOp];

export class SqliteNazorgStore implements NazorgStore {
  private readonly db: Database.Database;
  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS nazorgcontact (id TEXT PRIMARY KEY, bsn TEXT NOT NULL, brin TEXT NOT NULL, datum TEXT NOT NULL,
      soort TEXT NOT NULL, uitkomst TEXT NOT NULL, toelichting TEXT, medewerker TEXT NOT NULL, vastgelegd_op TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS nazorgcontact_bsn ON nazorgcontact (bsn);`);
    // Data folders from before the reason became a code get its column; their free-text notes stay unread.
    const known = new Set((this.db.prepare('PRAGMA table_info(nazorgcontact)').all() as { name: string }[]).map((c) => c.name));
    if (!known.has('reden')) this.db.exec('ALTER TABLE nazorgcontact ADD COLUMN reden TEXT');
  }
  async bewaar(c: Nazorgcontact) {
    this.db.prepare(`INSERT INTO nazorgcontact (${COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)`).run(...values(c));
  }
  async van(bsns: string[], brin?: string | null) {
    if (!bsns.length) return [];
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM nazorgcontact WHERE bsn IN (${bsns.map(() => '?').join(',')}) ${brin ? 'AND brin = ?' : ''}
      ORDER BY datum, vastgelegd_op`).all(...bsns, ...(brin ? [brin] : [])) as Record<string, unknown>[];
    return rows.map(row);
  }
  async ping() { this.db.prepare('SELECT 1').get(); }
  async close() { this.db.close(); }
}

export class PostgresNazorgStore implements NazorgStore {
  private readonly ensureSchema: () => Promise<void>;
  constructor(private readonly pool: Pool, private readonly schema = 'public') {
    this.ensureSchema = lazySchema(pool, schema, 'nazorgcontact', nazorgDdl(schema));
  }
  async bewaar(c: Nazorgcontact) {
    await this.ensureSchema();
    await this.pool.query(`INSERT INTO ${this.schema}.nazorgcontact (${COLUMNS}) VALUES ($1,$2,$3,$4::date,$5,$6,$7,$8,$9::timestamptz)`, values(c));
  }
  async van(bsns: string[], brin?: string | null) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.schema}.nazorgcontact WHERE bsn = ANY($1) AND ($2::text IS NULL OR brin = $2)
      ORDER BY datum, vastgelegd_op`, [bsns, brin ?? null]);
    return rows.map(row);
  }
  async ping() { await this.ensureSchema(); await this.pool.query('SELECT 1'); }
  async close() {}
}
