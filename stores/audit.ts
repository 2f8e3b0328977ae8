import Database from 'better-sqlite3';
import type { Pool } from 'pg';

/**
 * One processing of one data subject's personal data, in the Logboek Dataverwerkingen format
 * (Logius, v0.8): W3C trace ids, the versioned activity's URI, and a pseudonymised subject id.
 */
export interface AuditRecord {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  start_time: string;
  end_time: string;
  /** 0 unset, 1 ok, 2 error. */
  status_code: 0 | 1 | 2;
  resource: { 'service.name': string };
  attributes: {
    'dpl.core.processing_activity_id': string;
    'dpl.core.data_subject_id': string;
    'dpl.core.data_subject_id_type': 'BSN';
    [key: string]: unknown;
  };
}

/** A read of the log must filter on a data subject, an activity, or a trace (the standard's read extension). */
export interface AuditFilter { dataSubjectId?: string; processingActivityId?: string; traceId?: string }

export interface AuditStore {
  /** Resolves only once the records are durable; rejects when they are not. */
  append(records: AuditRecord[]): Promise<void>;
  query(filter: AuditFilter, limit: number): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

function requireFilter(filter: AuditFilter): void {
  if (!filter.dataSubjectId && !filter.processingActivityId && !filter.traceId) {
    throw new RangeError('an audit query must filter on a data subject, a processing activity or a trace');
  }
}

/** Embedded default: SQLite in WAL mode with synchronous=FULL, so a commit is on disk when append returns. */
export class SqliteAuditStore implements AuditStore {
  private readonly db: Database.Database;
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS logregel (
      id INTEGER PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, start_time TEXT NOT NULL,
      processing_activity_id TEXT NOT NULL, data_subject_id TEXT NOT NULL, regel TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS logregel_subject ON logregel (data_subject_id);
      CREATE INDEX IF NOT EXISTS logregel_activity ON logregel (processing_activity_id);
      CREATE INDEX IF NOT EXISTS logregel_trace ON logregel (trace_id);`);
  }
  async append(records: AuditRecord[]) {
    const insert = this.db.prepare('INSERT INTO logregel (trace_id, span_id, start_time, processing_activity_id, data_subject_id, regel) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const r of records) {
        insert.run(r.trace_id, r.span_id, r.start_time, r.attributes['dpl.core.processing_activity_id'], r.attributes['dpl.core.data_subject_id'], JSON.stringify(r));
      }
    })();
  }
  async query(filter: AuditFilter, limit: number) {
    requireFilter(filter);
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.dataSubjectId) { where.push('data_subject_id = ?'); args.push(filter.dataSubjectId); }
    if (filter.processingActivityId) { where.push('processing_activity_id LIKE ?'); args.push(`${filter.processingActivityId}%`); }
    if (filter.traceId) { where.push('trace_id = ?'); args.push(filter.traceId); }
    const rows = this.db.prepare(`SELECT regel FROM logregel WHERE ${where.join(' AND ')} ORDER BY start_time DESC, id DESC LIMIT ?`).all(...args, limit) as { regel: string }[];
    return rows.map((r) => JSON.parse(r.regel) as AuditRecord);
  }
  async close() {
    this.db.close();
  }
}

/** PostgreSQL, for production: a commit is durable under the default synchronous_commit. */
export class PostgresAuditStore implements AuditStore {
  private ready: Promise<void> | null = null;
  private readonly ddl: string;
  constructor(private readonly pool: Pool, private readonly schema = 'public') {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`schema must be a plain SQL identifier; received "${schema}"`);
    this.ddl = `CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${schema}.logregel (
        id BIGSERIAL PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, start_time TIMESTAMPTZ NOT NULL,
        processing_activity_id TEXT NOT NULL, data_subject_id TEXT NOT NULL, regel JSONB NOT NULL);
      CREATE INDEX IF NOT EXISTS logregel_subject ON ${schema}.logregel (data_subject_id);
      CREATE INDEX IF NOT EXISTS logregel_activity ON ${schema}.logregel (processing_activity_id);
      CREATE INDEX IF NOT EXISTS logregel_trace ON ${schema}.logregel (trace_id);`;
  }
  async append(records: AuditRecord[]) {
    await this.ensureSchema();
    if (records.length === 0) return;
    await this.pool.query(`INSERT INTO ${this.schema}.logregel (trace_id, span_id, start_time, processing_activity_id, data_subject_id, regel)
      SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[])`, [
      records.map((r) => r.trace_id), records.map((r) => r.span_id), records.map((r) => r.start_time),
      records.map((r) => r.attributes['dpl.core.processing_activity_id']), records.map((r) => r.attributes['dpl.core.data_subject_id']),
      records.map((r) => JSON.stringify(r)),
    ]);
  }
  async query(filter: AuditFilter, limit: number) {
    requireFilter(filter);
    await this.ensureSchema();
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.dataSubjectId) { args.push(filter.dataSubjectId); where.push(`data_subject_id = $${args.length}`); }
    if (filter.processingActivityId) { args.push(`${filter.processingActivityId}%`); where.push(`processing_activity_id LIKE $${args.length}`); }
    if (filter.traceId) { args.push(filter.traceId); where.push(`trace_id = $${args.length}`); }
    args.push(limit);
    const { rows } = await this.pool.query(`SELECT regel FROM ${this.schema}.logregel WHERE ${where.join(' AND ')}
      ORDER BY start_time DESC, id DESC LIMIT $${args.length}`, args);
    return rows.map((r) => r.regel as AuditRecord);
  }
  /** Creates the tables on first use; a failure (database down) is retried on the next call, never left unhandled. */
  private ensureSchema(): Promise<void> {
    return (this.ready ??= this.pool.query(this.ddl).then(() => undefined, (error) => { this.ready = null; throw error; }));
  }

  async close() {}
}
