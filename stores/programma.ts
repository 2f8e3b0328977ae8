import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { openDurableSqlite } from '../lib/storage/sqlite';
import { lazySchema } from './postgres-schema';
import { programmaDdl } from './postgres/ddl';

/** A result the region reports for a measure in one fixed period. */
export interface Programmaresultaat { periode: string; omschrijving: string; aantal: number | null }
/** One measure of a region's programme: its partners, budget (euros) including the regional share, and results. */
export interface Maatregel {
  id: string; regio: string; naam: string; omschrijving: string; partners: string[]; budget: number; regionaalAandeel: number;
  resultaten: Programmaresultaat[]; bijgewerktOp: string; bijgewerktDoor: string;
}

/** The regional programmes' own records (no personal data): SQLite embedded, PostgreSQL in production. */
export interface ProgrammaStore {
  maatregelen(regio: string): Promise<Maatregel[]>;
  maatregel(id: string): Promise<Maatregel | null>;
  /** Inserts or replaces a measure by id. */
  bewaar(m: Maatregel): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class SqliteProgrammaStore implements ProgrammaStore {
  private readonly db: Database.Database;
  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS maatregel (id TEXT PRIMARY KEY, regio TEXT NOT NULL, gegevens TEXT NOT NULL, bijgewerkt_op TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS maatregel_regio ON maatregel (regio);`);
  }
  async maatregelen(regio: string) {
    return (this.db.prepare('SELECT gegevens FROM maatregel WHERE regio = ? ORDER BY gegevens ->> \'$.naam\', id').all(regio) as { gegevens: string }[]).map((r) => JSON.parse(r.gegevens) as Maatregel);
  }
  async maatregel(id: string) {
    const r = this.db.prepare('SELECT gegevens FROM maatregel WHERE id = ?').get(id) as { gegevens: string } | undefined;
    return r ? (JSON.parse(r.gegevens) as Maatregel) : null;
  }
  async bewaar(m: Maatregel) {
    this.db.prepare(`INSERT INTO maatregel VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET gegevens = excluded.gegevens, bijgewerkt_op = excluded.bijgewerkt_op`)
      .run(m.id, m.regio, JSON.stringify(m), m.bijgewerktOp);
  }
  async ping() { this.db.prepare('SELECT 1').get(); }
  async close() { this.db.close(); }
}

export class PostgresProgrammaStore implements ProgrammaStore {
  private readonly ensureSchema: () => Promise<void>;
  constructor(private readonly pool: Pool, private readonly schema = 'public') {
    this.ensureSchema = lazySchema(pool, schema, 'maatregel', programmaDdl(schema));
  }
  async maatregelen(regio: string) {
    await this.ensureSchema();
    return (await this.pool.query(`SELECT gegevens FROM ${this.schema}.maatregel WHERE regio = $1 ORDER BY gegevens->>'naam', id`, [regio])).rows.map((r) => r.gegevens as Maatregel);
  }
  async maatregel(id: string) {
    await this.ensureSchema();
    return ((await this.pool.query(`SELECT gegevens FROM ${this.schema}.maatregel WHERE id = $1`, [id])).rows[0]?.gegevens as Maatregel | undefined) ?? null;
  }
  async bewaar(m: Maatregel) {
    await this.ensureSchema();
    await this.pool.query(`INSERT INTO ${this.schema}.maatregel VALUES ($1, $2, $3::jsonb, $4::timestamptz) ON CONFLICT (id) DO UPDATE SET gegevens = excluded.gegevens, bijgewerkt_op = excluded.bijgewerkt_op`,
      [m.id, m.regio, JSON.stringify(m), m.bijgewerktOp]);
  }
  async ping() { await this.ensureSchema(); await this.pool.query('SELECT 1'); }
  async close() {}
}
