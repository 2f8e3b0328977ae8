import type Database from 'better-sqlite3';
import { openDurableSqlite } from '../../lib/storage/sqlite';
import type { Onderwijsregel } from '../../adapters/onderwijs/port';
import { foldHistorie, type Onderwijshistorie } from './history';

/**
 * The ingested education feed, in SQLite (durable across restarts; `:memory:` for throwaway
 * use). Rows are keyed by their regelId, so re-delivering a row replaces it.
 */
export class OnderwijsStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<number, Database.Statement>();

  constructor(path: string) {
    this.db = openDurableSqlite(path);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS levering (
        id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, ingelezen TEXT NOT NULL, regels INTEGER NOT NULL, fouten INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS regel (
        regel_id TEXT PRIMARY KEY, soort TEXT NOT NULL, bsn TEXT NOT NULL, woongemeente TEXT NOT NULL, brin TEXT NOT NULL,
        instelling TEXT NOT NULL, onderwijssoort TEXT, niveau TEXT, leerweg TEXT, opleidingscode TEXT, opleiding TEXT,
        datum TEXT NOT NULL, inschrijving_id TEXT NOT NULL, levering_id TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS regel_bsn ON regel (bsn);
      CREATE INDEX IF NOT EXISTS regel_gemeente ON regel (woongemeente, soort);
      CREATE INDEX IF NOT EXISTS regel_inschrijving ON regel (inschrijving_id, soort);
      CREATE INDEX IF NOT EXISTS regel_brin ON regel (brin, soort, datum);
    `);
  }

  /** The hash of the delivery as last ingested, if it was. */
  leveringHash(id: string): string | undefined {
    return (this.db.prepare('SELECT sha256 FROM levering WHERE id = ?').get(id) as { sha256: string } | undefined)?.sha256;
  }

  /** Stores a delivery's valid rows and its record in one transaction. */
  bewaarLevering(id: string, sha256: string, regels: Onderwijsregel[], fouten: number): void {
    const upsert = this.db.prepare(`INSERT INTO regel VALUES (@regelId, @soort, @bsn, @woongemeente, @brin, @instelling,
      @onderwijssoort, @niveau, @leerweg, @opleidingscode, @opleiding, @datum, @inschrijvingId, @leveringId)
      ON CONFLICT (regel_id) DO UPDATE SET soort = excluded.soort, bsn = excluded.bsn, woongemeente = excluded.woongemeente,
      brin = excluded.brin, instelling = excluded.instelling, onderwijssoort = excluded.onderwijssoort, niveau = excluded.niveau,
      leerweg = excluded.leerweg, opleidingscode = excluded.opleidingscode, opleiding = excluded.opleiding, datum = excluded.datum,
      inschrijving_id = excluded.inschrijving_id, levering_id = excluded.levering_id`);
    const record = this.db.prepare(`INSERT INTO levering VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET sha256 = excluded.sha256, ingelezen = excluded.ingelezen, regels = excluded.regels, fouten = excluded.fouten`);
    this.db.transaction(() => {
      for (const r of regels) upsert.run({ ...r, leveringId: id });
      record.run(id, sha256, new Date().toISOString(), regels.length, fouten);
    })();
  }

  regelsVoor(bsns: string[]): Onderwijsregel[] {
    if (bsns.length === 0) return [];
    let statement = this.statements.get(bsns.length);
    if (!statement) this.statements.set(bsns.length, (statement = this.db.prepare(`SELECT * FROM regel WHERE bsn IN (${bsns.map(() => '?').join(',')}) ORDER BY datum, regel_id`)));
    const rows = statement.all(...bsns);
    return (rows as Record<string, string | null>[]).map((r) => ({
      soort: r.soort, regelId: r.regel_id, bsn: r.bsn, woongemeente: r.woongemeente, brin: r.brin, instelling: r.instelling,
      onderwijssoort: r.onderwijssoort, niveau: r.niveau, leerweg: r.leerweg, opleidingscode: r.opleidingscode,
      opleiding: r.opleiding, datum: r.datum, inschrijvingId: r.inschrijving_id,
    }) as Onderwijsregel);
  }

  /** The education history of each person (an empty one for someone without rows), read 500 at a time. */
  historieVan(bsns: string[]): Map<string, Onderwijshistorie> {
    const result = new Map<string, Onderwijshistorie>();
    for (let i = 0; i < bsns.length; i += 500) {
      const chunk = bsns.slice(i, i + 500);
      const perBsn = new Map<string, Onderwijsregel[]>(chunk.map((b) => [b, []]));
      for (const r of this.regelsVoor(chunk)) perBsn.get(r.bsn)?.push(r);
      for (const [bsn, regels] of perBsn) result.set(bsn, foldHistorie(regels));
    }
    return result;
  }

  /** Everyone with a row registered with a residence in one of `gemeenten`. */
  personenIn(gemeenten: string[]): string[] {
    if (gemeenten.length === 0) return [];
    return (this.db.prepare(`SELECT DISTINCT bsn FROM regel WHERE woongemeente IN (${gemeenten.map(() => '?').join(',')}) ORDER BY bsn`)
      .all(...gemeenten) as { bsn: string }[]).map((r) => r.bsn);
  }

  /** Distinct people per kind of row registered with a residence in one of `gemeenten`. */
  aantalPersonen(gemeenten: string[], soort: Onderwijsregel['soort'], vanaf = '0000-01-01'): number {
    if (gemeenten.length === 0) return 0;
    const row = this.db.prepare(`SELECT COUNT(DISTINCT bsn) AS n FROM regel WHERE soort = ? AND datum >= ?
      AND woongemeente IN (${gemeenten.map(() => '?').join(',')})`).get(soort, vanaf, ...gemeenten) as { n: number };
    return row.n;
  }

  /** Distinct people living in `gemeenten` with an enrolment that has no UITSCHRIJVING row. */
  aantalOpenInschrijvingen(gemeenten: string[]): number {
    if (gemeenten.length === 0) return 0;
    const row = this.db.prepare(`SELECT COUNT(DISTINCT i.bsn) AS n FROM regel i
      WHERE i.soort = 'INSCHRIJVING' AND i.woongemeente IN (${gemeenten.map(() => '?').join(',')})
      AND NOT EXISTS (SELECT 1 FROM regel u WHERE u.soort = 'UITSCHRIJVING' AND u.inschrijving_id = i.inschrijving_id)`).get(...gemeenten) as { n: number };
    return row.n;
  }

  /** Deletes the rows of these kinds dated before `grens`; returns how many people and rows were affected. */
  verwijderVoor(soorten: string[], grens: string): { personen: string[]; regels: number } {
    const where = `soort IN (${soorten.map(() => '?').join(',')}) AND datum < ?`;
    const personen = (this.db.prepare(`SELECT DISTINCT bsn FROM regel WHERE ${where}`).all(...soorten, grens) as { bsn: string }[]).map((r) => r.bsn);
    const regels = this.db.prepare(`DELETE FROM regel WHERE ${where}`).run(...soorten, grens).changes;
    return { personen, regels };
  }

  /** People whose enrolment at this school ended in [vanaf, tot] (pro and vso nazorg: with or without a diploma). */
  uitgeschrevenen(brin: string, vanaf: string, tot: string): string[] {
    return (this.db.prepare(`SELECT DISTINCT bsn FROM regel WHERE brin = ? AND soort = 'UITSCHRIJVING' AND datum >= ? AND datum <= ? ORDER BY bsn`)
      .all(brin, vanaf, tot) as { bsn: string }[]).map((r) => r.bsn);
  }

  /** People with an mbo diploma of this school dated in [vanaf, tot]. */
  gediplomeerden(brin: string, vanaf: string, tot: string): string[] {
    return (this.db.prepare(`SELECT DISTINCT bsn FROM regel WHERE brin = ? AND soort = 'DIPLOMA' AND onderwijssoort = 'MBO' AND datum >= ? AND datum <= ? ORDER BY bsn`)
      .all(brin, vanaf, tot) as { bsn: string }[]).map((r) => r.bsn);
  }

  aantalLeveringen(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM levering').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
