import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { openDurableSqlite } from '../lib/storage/sqlite';
import type { Pool } from 'pg';
import { lazySchema } from './postgres-schema';
import { consentDdl } from './postgres/ddl';

/** Who may receive the data a consent covers: everyone with a role, or everyone of an organisation. */
export interface Ontvanger { soort: 'ROL' | 'ORGANISATIE'; waarde: string }

// What a consent record says of who made it, its evidence and a withdrawal request: one shape for
// the store and the consent rules (policies/toestemming.ts), declared there.
export type { Bewijs, Intrekkingsverzoek, Vastlegger as Vastlegging } from '../policies/toestemming';
import type { Bewijs, Intrekkingsverzoek, Vastlegger as Vastlegging } from '../policies/toestemming';

/** One consent of a young person for one processing activity (all its consent categories, or some). */
export interface Toestemming {
  bsn: string;
  /** Activity id (consent holds across versions of the activity, never beyond what it named). */
  activiteit: string;
  /**
   * The consent categories covered, exactly as explained to the young person. Null only on records
   * from before categories were stored: they cover what the activity asked consent for in the
   * version they were given under (policies/toestemming.ts), never what a later version adds.
   */
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
  /** ACTIEF opens data; IN_AFWACHTING (recorded by an employee, not yet confirmed) opens nothing. Default ACTIEF. */
  status?: 'ACTIEF' | 'IN_AFWACHTING';
  /** The version of the activity in force when it was given: what was explained. */
  registerversie?: number | null;
  bewijs?: Bewijs | null;
}

/** A stored consent with its history. */
export interface ToestemmingRecord extends Toestemming {
  id: string;
  status: 'ACTIEF' | 'IN_AFWACHTING';
  gegevenOp: string;
  bevestigdOp: string | null;
  bevestigd: Vastlegging | null;
  ingetrokkenOp: string | null;
  ingetrokken: Vastlegging | null;
  verzoek: Intrekkingsverzoek | null;
  /** When its expiry was written to the audit log (once). */
  verlopenGemeldOp: string | null;
}

/** Who asks, and on which day: a consent counts only for its recipient and before its end date. */
export interface ToestemmingVraag { rol: string; organisatie: string; dag: string }

/** What one active consent covers, for the policy to read against the register. */
export interface Dekking { categorieen: string[] | null; registerversie: number | null; gegevenOp: string }

/**
 * The durable consent records that the policy rules read and the toestemming subgraph writes.
 * Nothing is ever deleted: confirmation and withdrawal are recorded on the record, so the history
 * shows who gave, confirmed and withdrew what, when, on whose behalf and under which activity.
 */
export interface ConsentStore {
  /** Active (confirmed, not withdrawn, not expired) consents for `activiteit` that hold for `vraag`, by BSN; a BSN without one is absent. */
  actief(activiteit: string, bsns: string[], vraag: ToestemmingVraag): Promise<Map<string, Dekking[]>>;
  geef(t: Toestemming, op?: Date): Promise<ToestemmingRecord>;
  /** Confirms one pending record of this person; null when there is no such pending record. */
  bevestig(bsn: string, id: string, door: Vastlegging, op?: Date): Promise<ToestemmingRecord | null>;
  /** Ends one record of this person; null when there is no such record that is not yet withdrawn. */
  trekIn(bsn: string, id: string, door: Vastlegging, op?: Date, verzoek?: Intrekkingsverzoek | null): Promise<ToestemmingRecord | null>;
  /** Every record of one person, oldest first (withdrawn and expired ones included). */
  historie(bsn: string): Promise<ToestemmingRecord[]>;
  /** Confirmed records whose end date has come on `dag` and whose expiry was not yet reported, at most `limiet`. */
  verlopen(dag: string, limiet: number): Promise<ToestemmingRecord[]>;
  /** Notes that these records' expiry is in the audit log. */
  meldVerlopen(ids: string[], op?: Date): Promise<void>;
  /** Gives many consents in one transaction (the population seed). */
  geefAlle(ts: Toestemming[], op?: Date): Promise<void>;
  aantal(): Promise<number>;
  /** Resolves when the store can answer now (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

function groepeer(rows: { bsn: string; dekking: Dekking }[]): Map<string, Dekking[]> {
  const result = new Map<string, Dekking[]>();
  for (const { bsn, dekking } of rows) result.set(bsn, [...(result.get(bsn) ?? []), dekking]);
  return result;
}

interface Rij {
  id: string; bsn: string; activiteit: string; categorieen: string | string[] | null; ontvanger_soort: string | null; ontvanger: string | null;
  doel: string | null; geldig_tot: string | Date | null; vastgelegd: string | Vastlegging | null; gegeven_op: string | Date; ingetrokken_op: string | Date | null; ingetrokken: string | Vastlegging | null;
  status: string | null; registerversie: number | string | null; bewijs: string | Bewijs | null; bevestigd_op: string | Date | null; bevestigd: string | Vastlegging | null;
  verzoek: string | Intrekkingsverzoek | null; verlopen_gemeld_op: string | Date | null;
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
    // Records from before consent had states were active.
    status: r.status === 'IN_AFWACHTING' ? 'IN_AFWACHTING' : 'ACTIEF', registerversie: r.registerversie === null ? null : Number(r.registerversie),
    bewijs: json<Bewijs>(r.bewijs), bevestigdOp: iso(r.bevestigd_op), bevestigd: json<Vastlegging>(r.bevestigd), verzoek: json<Intrekkingsverzoek>(r.verzoek),
    verlopenGemeldOp: iso(r.verlopen_gemeld_op),
  };
}

const COLUMNS = 'id, bsn, activiteit, categorieen, ontvanger_soort, ontvanger, doel, geldig_tot, vastgelegd, gegeven_op, status, registerversie, bewijs, ingetrokken_op, ingetrokken, bevestigd_op, bevestigd, verzoek, verlopen_gemeld_op';
/** The columns a new record is written with (the rest are set by confirmation, withdrawal and expiry). */
const NIEUW = 'id, bsn, activiteit, categorieen, ontvanger_soort, ontvanger, doel, geldig_tot, vastgelegd, gegeven_op, status, registerversie, bewijs';
const values = (t: Toestemming, id: string, op: Date) => [id, t.bsn, t.activiteit, t.categorieen ? JSON.stringify(t.categorieen) : null, t.ontvanger?.soort ?? null,
  t.ontvanger?.waarde ?? null, t.doel ?? null, t.geldigTot ?? null, t.vastgelegd ? JSON.stringify(t.vastgelegd) : null, op.toISOString(),
  t.status ?? 'ACTIEF', t.registerversie ?? null, t.bewijs ? JSON.stringify(t.bewijs) : null];
/** A consent counts: confirmed (or from before states), not withdrawn, before its end date, for this recipient. */
const ACTIEF_SQL = (p: (n: number) => string) => `activiteit = ${p(1)} AND ingetrokken_op IS NULL AND (status IS NULL OR status = 'ACTIEF')
  AND (geldig_tot IS NULL OR geldig_tot > ${p(2)})
  AND (ontvanger_soort IS NULL OR (ontvanger_soort = 'ROL' AND ontvanger = ${p(3)}) OR (ontvanger_soort = 'ORGANISATIE' AND ontvanger = ${p(4)}))`;
const dekking = (r: { categorieen: string | string[] | null; registerversie: number | string | null; gegeven_op: string | Date }): Dekking => ({
  categorieen: json<string[]>(r.categorieen), registerversie: r.registerversie === null ? null : Number(r.registerversie), gegevenOp: iso(r.gegeven_op)!,
});

export class SqliteConsentStore implements ConsentStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<number, Database.Statement>();
  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS toestemming (
      id TEXT PRIMARY KEY, bsn TEXT NOT NULL, activiteit TEXT NOT NULL, categorieen TEXT,
      gegeven_op TEXT NOT NULL, ingetrokken_op TEXT);`);
    // Data folders from before recipients, purposes, end dates, states and evidence were recorded get the columns.
    const known = new Set((this.db.prepare('PRAGMA table_info(toestemming)').all() as { name: string }[]).map((c) => c.name));
    for (const c of ['ontvanger_soort', 'ontvanger', 'doel', 'geldig_tot', 'vastgelegd', 'ingetrokken', 'status', 'registerversie', 'bewijs', 'bevestigd_op', 'bevestigd', 'verzoek', 'verlopen_gemeld_op']) {
      if (!known.has(c)) this.db.exec(`ALTER TABLE toestemming ADD COLUMN ${c} TEXT`);
    }
    this.db.exec(`CREATE INDEX IF NOT EXISTS toestemming_actief ON toestemming (activiteit, bsn) WHERE ingetrokken_op IS NULL;
      CREATE INDEX IF NOT EXISTS toestemming_bsn ON toestemming (bsn);`);
  }
  private een(id: string): ToestemmingRecord {
    return record(this.db.prepare(`SELECT ${COLUMNS} FROM toestemming WHERE id = ?`).get(id) as Rij);
  }
  async actief(activiteit: string, bsns: string[], vraag: ToestemmingVraag) {
    if (bsns.length === 0) return new Map();
    let statement = this.statements.get(bsns.length);
    if (!statement) {
      statement = this.db.prepare(`SELECT bsn, categorieen, registerversie, gegeven_op FROM toestemming WHERE ${ACTIEF_SQL(() => '?')}
        AND bsn IN (${bsns.map(() => '?').join(',')})`);
      this.statements.set(bsns.length, statement);
    }
    const rows = statement.all(activiteit, vraag.dag, vraag.rol, vraag.organisatie, ...bsns) as (Parameters<typeof dekking>[0] & { bsn: string })[];
    return groepeer(rows.map((r) => ({ bsn: r.bsn, dekking: dekking(r) })));
  }
  async geef(t: Toestemming, op = new Date()) {
    const id = randomUUID();
    this.db.prepare(`INSERT INTO toestemming (${NIEUW}) VALUES (${NIEUW.split(',').map(() => '?').join(',')})`).run(...values(t, id, op));
    return this.een(id);
  }
  async geefAlle(ts: Toestemming[], op = new Date()) {
    const insert = this.db.prepare(`INSERT INTO toestemming (${NIEUW}) VALUES (${NIEUW.split(',').map(() => '?').join(',')})`);
    this.db.transaction(() => { for (const t of ts) insert.run(...values(t, randomUUID(), op)); })();
  }
  async bevestig(bsn: string, id: string, door: Vastlegging, op = new Date()) {
    const changed = this.db.prepare(`UPDATE toestemming SET status = 'ACTIEF', bevestigd_op = ?, bevestigd = ? WHERE id = ? AND bsn = ? AND status = 'IN_AFWACHTING' AND ingetrokken_op IS NULL`)
      .run(op.toISOString(), JSON.stringify(door), id, bsn).changes;
    return changed ? this.een(id) : null;
  }
  async trekIn(bsn: string, id: string, door: Vastlegging, op = new Date(), verzoek: Intrekkingsverzoek | null = null) {
    const changed = this.db.prepare('UPDATE toestemming SET ingetrokken_op = ?, ingetrokken = ?, verzoek = ? WHERE id = ? AND bsn = ? AND ingetrokken_op IS NULL')
      .run(op.toISOString(), JSON.stringify(door), verzoek ? JSON.stringify(verzoek) : null, id, bsn).changes;
    return changed ? this.een(id) : null;
  }
  async historie(bsn: string) {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM toestemming WHERE bsn = ? ORDER BY gegeven_op, rowid`).all(bsn) as Rij[]).map(record);
  }
  async verlopen(peildag: string, limiet: number) {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM toestemming WHERE geldig_tot IS NOT NULL AND geldig_tot <= ? AND ingetrokken_op IS NULL
      AND (status IS NULL OR status = 'ACTIEF') AND verlopen_gemeld_op IS NULL ORDER BY geldig_tot, id LIMIT ?`).all(peildag, limiet) as Rij[]).map(record);
  }
  async meldVerlopen(ids: string[], op = new Date()) {
    const update = this.db.prepare('UPDATE toestemming SET verlopen_gemeld_op = ? WHERE id = ?');
    this.db.transaction(() => { for (const id of ids) update.run(op.toISOString(), id); })();
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
    const { rows } = await this.pool.query(`SELECT bsn, categorieen, registerversie, gegeven_op FROM ${this.schema}.toestemming
      WHERE ${ACTIEF_SQL((n) => (n === 2 ? '$2::date' : `$${n}`))} AND bsn = ANY($5)`, [activiteit, vraag.dag, vraag.rol, vraag.organisatie, bsns]);
    return groepeer((rows as (Parameters<typeof dekking>[0] & { bsn: string })[]).map((r) => ({ bsn: r.bsn, dekking: dekking(r) })));
  }
  async geef(t: Toestemming, op = new Date()) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`INSERT INTO ${this.schema}.toestemming (${NIEUW})
      VALUES ($1,$2,$3,$4::jsonb,$5,$6,$7,$8::date,$9::jsonb,$10::timestamptz,$11,$12,$13::jsonb) RETURNING ${COLUMNS}`, values(t, randomUUID(), op));
    return record(rows[0] as Rij);
  }
  async geefAlle(ts: Toestemming[], op = new Date()) {
    await this.ensureSchema();
    for (let i = 0; i < ts.length; i += 5000) {
      const rows = ts.slice(i, i + 5000).map((t) => values(t, randomUUID(), op));
      const col = (k: number) => rows.map((r) => r[k]);
      await this.pool.query(`INSERT INTO ${this.schema}.toestemming (${NIEUW})
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::date[], $9::jsonb[], $10::timestamptz[], $11::text[], $12::int[], $13::jsonb[])`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(col));
    }
  }
  async bevestig(bsn: string, id: string, door: Vastlegging, op = new Date()) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`UPDATE ${this.schema}.toestemming SET status = 'ACTIEF', bevestigd_op = $1, bevestigd = $2::jsonb
      WHERE id = $3 AND bsn = $4 AND status = 'IN_AFWACHTING' AND ingetrokken_op IS NULL RETURNING ${COLUMNS}`, [op, JSON.stringify(door), id, bsn]);
    return rows[0] ? record(rows[0] as Rij) : null;
  }
  async trekIn(bsn: string, id: string, door: Vastlegging, op = new Date(), verzoek: Intrekkingsverzoek | null = null) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`UPDATE ${this.schema}.toestemming SET ingetrokken_op = $1, ingetrokken = $2::jsonb, verzoek = $5::jsonb
      WHERE id = $3 AND bsn = $4 AND ingetrokken_op IS NULL RETURNING ${COLUMNS}`, [op, JSON.stringify(door), id, bsn, verzoek ? JSON.stringify(verzoek) : null]);
    return rows[0] ? record(rows[0] as Rij) : null;
  }
  async historie(bsn: string) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.schema}.toestemming WHERE bsn = $1 ORDER BY gegeven_op, id`, [bsn]);
    return (rows as Rij[]).map(record);
  }
  async verlopen(peildag: string, limiet: number) {
    await this.ensureSchema();
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.schema}.toestemming WHERE geldig_tot IS NOT NULL AND geldig_tot <= $1::date
      AND ingetrokken_op IS NULL AND (status IS NULL OR status = 'ACTIEF') AND verlopen_gemeld_op IS NULL ORDER BY geldig_tot, id LIMIT $2`, [peildag, limiet]);
    return (rows as Rij[]).map(record);
  }
  async meldVerlopen(ids: string[], op = new Date()) {
    if (!ids.length) return;
    await this.ensureSchema();
    await this.pool.query(`UPDATE ${this.schema}.toestemming SET verlopen_gemeld_op = $1 WHERE id = ANY($2)`, [op, ids]);
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
