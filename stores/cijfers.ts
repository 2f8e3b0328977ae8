import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { openDurableSqlite } from '../lib/storage/sqlite';
import { lazySchema } from './postgres-schema';
import { cijferDdl } from './postgres/ddl';

/** One region's published figures for one period: per indicator the values per age band and total, null where unpublished. */
export type Cijferrij = Record<string, (number | null)[]>;

/** A computed, protected table as stored: only published values, never a true count. */
export interface OpgeslagenCijfers { berekendOp: string; periodes: string[]; drempel: number; rijen: [string, Cijferrij][] }

/**
 * The monitor's published figures, computed once per version of the inputs and read by every
 * replica (PostgreSQL when configured, an embedded SQLite file otherwise), and the secret the
 * cell keys are made with, so every replica and every recomputation perturbs a cell the same way.
 */
export interface CijferStore {
  /** The stored secret; `voorstel` is stored first when there is none (the first replica's wins). */
  geheim(voorstel: string): Promise<string>;
  /** The figures stored under `versie`, or null. */
  lees(versie: string): Promise<OpgeslagenCijfers | null>;
  /** Stores the figures under `versie` and drops all but the newest `bewaarVersies` versions. */
  bewaar(versie: string, cijfers: OpgeslagenCijfers): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How many versions are kept (the current one and the one before, for a replica still serving it). */
const BEWAAR_VERSIES = 2;

export class SqliteCijferStore implements CijferStore {
  private readonly db: Database.Database;
  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS monitorgeheim (naam TEXT PRIMARY KEY, waarde TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS cijferversie (versie TEXT PRIMARY KEY, berekend_op TEXT NOT NULL, periodes TEXT NOT NULL, drempel INTEGER NOT NULL, gemaakt INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS cijferrij (versie TEXT NOT NULL, sleutel TEXT NOT NULL, gegevens TEXT NOT NULL, PRIMARY KEY (versie, sleutel));`);
  }
  async geheim(voorstel: string) {
    this.db.prepare('INSERT INTO monitorgeheim VALUES (\'celsleutel\', ?) ON CONFLICT DO NOTHING').run(voorstel);
    return (this.db.prepare('SELECT waarde FROM monitorgeheim WHERE naam = \'celsleutel\'').get() as { waarde: string }).waarde;
  }
  async lees(versie: string) {
    const v = this.db.prepare('SELECT berekend_op, periodes, drempel FROM cijferversie WHERE versie = ?').get(versie) as { berekend_op: string; periodes: string; drempel: number } | undefined;
    if (!v) return null;
    const rijen = (this.db.prepare('SELECT sleutel, gegevens FROM cijferrij WHERE versie = ?').all(versie) as { sleutel: string; gegevens: string }[])
      .map((r): [string, Cijferrij] => [r.sleutel, JSON.parse(r.gegevens)]);
    return { berekendOp: v.berekend_op, periodes: JSON.parse(v.periodes) as string[], drempel: v.drempel, rijen };
  }
  async bewaar(versie: string, c: OpgeslagenCijfers) {
    const rij = this.db.prepare('INSERT OR REPLACE INTO cijferrij VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM cijferrij WHERE versie = ?').run(versie);
      for (const [sleutel, gegevens] of c.rijen) rij.run(versie, sleutel, JSON.stringify(gegevens));
      this.db.prepare('INSERT OR REPLACE INTO cijferversie VALUES (?, ?, ?, ?, ?)').run(versie, c.berekendOp, JSON.stringify(c.periodes), c.drempel, Date.now());
      const oud = this.db.prepare('SELECT versie FROM cijferversie ORDER BY gemaakt DESC, versie LIMIT -1 OFFSET ?').all(BEWAAR_VERSIES) as { versie: string }[];
      for (const { versie: o } of oud) { this.db.prepare('DELETE FROM cijferrij WHERE versie = ?').run(o); this.db.prepare('DELETE FROM cijferversie WHERE versie = ?').run(o); }
    })();
  }
  async ping() { this.db.prepare('SELECT 1').get(); }
  async close() { this.db.close(); }
}

export class PostgresCijferStore implements CijferStore {
  private readonly ensureSchema: () => Promise<void>;
  constructor(private readonly pool: Pool, private readonly schema = 'public') {
    this.ensureSchema = lazySchema(pool, schema, 'cijferrij', cijferDdl(schema));
  }
  async geheim(voorstel: string) {
    await this.ensureSchema();
    await this.pool.query(`INSERT INTO ${this.schema}.monitorgeheim VALUES ('celsleutel', $1) ON CONFLICT DO NOTHING`, [voorstel]);
    return (await this.pool.query(`SELECT waarde FROM ${this.schema}.monitorgeheim WHERE naam = 'celsleutel'`)).rows[0].waarde as string;
  }
  async lees(versie: string) {
    await this.ensureSchema();
    const v = (await this.pool.query(`SELECT berekend_op, periodes, drempel FROM ${this.schema}.cijferversie WHERE versie = $1`, [versie])).rows[0];
    if (!v) return null;
    const rijen = (await this.pool.query(`SELECT sleutel, gegevens FROM ${this.schema}.cijferrij WHERE versie = $1`, [versie])).rows.map((r): [string, Cijferrij] => [r.sleutel, r.gegevens]);
    return { berekendOp: v.berekend_op as string, periodes: v.periodes as string[], drempel: v.drempel as number, rijen };
  }
  async bewaar(versie: string, c: OpgeslagenCijfers) {
    await this.ensureSchema();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DELETE FROM ${this.schema}.cijferrij WHERE versie = $1`, [versie]);
      await client.query(`INSERT INTO ${this.schema}.cijferrij SELECT $1, s, g FROM unnest($2::text[], $3::jsonb[]) AS t(s, g)`,
        [versie, c.rijen.map(([s]) => s), c.rijen.map(([, g]) => JSON.stringify(g))]);
      await client.query(`DELETE FROM ${this.schema}.cijferversie WHERE versie = $1`, [versie]);
      await client.query(`INSERT INTO ${this.schema}.cijferversie VALUES ($1, $2, $3::jsonb, $4, now())`,
        [versie, c.berekendOp, JSON.stringify(c.periodes), c.drempel]);
      const oud = (await client.query(`SELECT versie FROM ${this.schema}.cijferversie ORDER BY gemaakt DESC, versie OFFSET $1`, [BEWAAR_VERSIES])).rows.map((r) => r.versie as string);
      if (oud.length) {
        await client.query(`DELETE FROM ${this.schema}.cijferrij WHERE versie = ANY($1)`, [oud]);
        await client.query(`DELETE FROM ${this.schema}.cijferversie WHERE versie = ANY($1)`, [oud]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  async ping() { await this.ensureSchema(); await this.pool.query('SELECT 1'); }
  async close() {}
}
