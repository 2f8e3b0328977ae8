import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Pool } from 'pg';
import { lazySchema } from './postgres-schema';
import { auditDdl } from './postgres/ddl';
import { groupCommit } from '../lib/storage/group-commit';

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

/**
 * A read of the log must filter on a data subject, activities, or a trace (the standard's read
 * extension). Every value is matched exactly (no wildcards). `organisatie` narrows to the records
 * of one organisation's processing.
 */
export interface AuditFilter {
  dataSubjectId?: string;
  /** Exact activity-version URIs (any of them). */
  processingActivityIds?: string[];
  traceId?: string;
  organisatie?: string;
  /** One kind of record (`jf.soort`: VERSTREKKING, WIJZIGING, EXPORT, ZONDER_PERSOON, WEIGERING). */
  soort?: string;
}

export interface AuditStore {
  /** Resolves only once the records are durable; rejects when they are not. */
  append(records: AuditRecord[]): Promise<void>;
  query(filter: AuditFilter, limit: number): Promise<AuditRecord[]>;
  /** Resolves when the store can take writes now (readiness). */
  ping(): Promise<void>;
  /** Deletes the records of these activity versions that started before `before` (ISO time); resolves with how many. */
  purge(processingActivityIds: string[], before: string): Promise<number>;
  close(): Promise<void>;
}

function requireFilter(filter: AuditFilter): void {
  if (!filter.dataSubjectId && !filter.processingActivityIds?.length && !filter.traceId && !(filter.soort && filter.organisatie)) {
    throw new RangeError('an audit query must filter on a data subject, a processing activity or a trace (or one kind of record of one organisation)');
  }
}

/**
 * Embedded default: SQLite in WAL mode with synchronous=FULL, written by a worker thread
 * (stores/sqlite-audit-worker.js), so a commit is on disk when append resolves and the fsync
 * never blocks the event loop. Concurrent appends share one commit.
 */
export class SqliteAuditStore implements AuditStore {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(path: string) {
    this.worker = new Worker(join(__dirname, 'sqlite-audit-worker.js'), { workerData: { path } });
    this.worker.on('message', (m: { id: number; ok: boolean; error?: string; rows?: AuditRecord[] }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve(m.rows);
      else w?.reject(new Error(`audit store: ${m.error}`));
    });
    // A dead writer fails every waiting and later append: the callers then withhold their data.
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`audit store writer exited (${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  async append(records: AuditRecord[]) {
    if (records.length) await this.call({ type: 'append', records });
  }

  async query(filter: AuditFilter, limit: number) {
    requireFilter(filter);
    return this.call<AuditRecord[]>({ type: 'query', filter, limit });
  }

  async ping() {
    await this.call({ type: 'ping' });
  }

  async purge(processingActivityIds: string[], before: string) {
    if (!processingActivityIds.length) return 0;
    return this.call<number>({ type: 'purge', processingActivityIds, before });
  }

  async close() {
    if (!this.failure) await this.call({ type: 'close' });
    this.failure ??= new Error('audit store closed');
    await this.worker.terminate();
  }
}

/** PostgreSQL, for production: a commit is durable under the default synchronous_commit. */
export class PostgresAuditStore implements AuditStore {
  private readonly ensureSchema: () => Promise<void>;
  constructor(private readonly pool: Pool, private readonly schema = 'public') {
    this.ensureSchema = lazySchema(pool, schema, 'logregel', auditDdl(schema));
  }
  /** Concurrent appends share one INSERT (one commit); each resolves after the commit. */
  readonly append = groupCommit<AuditRecord>(async (records) => {
    await this.ensureSchema();
    if (records.length === 0) return;
    await this.pool.query(`INSERT INTO ${this.schema}.logregel (trace_id, span_id, start_time, processing_activity_id, data_subject_id, organisatie, soort, regel)
      SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`, [
      records.map((r) => r.trace_id), records.map((r) => r.span_id), records.map((r) => r.start_time),
      records.map((r) => r.attributes['dpl.core.processing_activity_id']), records.map((r) => r.attributes['dpl.core.data_subject_id']),
      records.map((r) => (r.attributes['jf.organisatie'] as string | null | undefined) ?? null), records.map((r) => (r.attributes['jf.soort'] as string | undefined) ?? null),
      records.map((r) => JSON.stringify(r)),
    ]);
  });

  async query(filter: AuditFilter, limit: number) {
    requireFilter(filter);
    await this.ensureSchema();
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.dataSubjectId) { args.push(filter.dataSubjectId); where.push(`data_subject_id = $${args.length}`); }
    if (filter.processingActivityIds?.length) { args.push(filter.processingActivityIds); where.push(`processing_activity_id = ANY($${args.length})`); }
    if (filter.traceId) { args.push(filter.traceId); where.push(`trace_id = $${args.length}`); }
    if (filter.organisatie) { args.push(filter.organisatie); where.push(`organisatie = $${args.length}`); }
    if (filter.soort) { args.push(filter.soort); where.push(`soort = $${args.length}`); }
    args.push(limit);
    const { rows } = await this.pool.query(`SELECT regel FROM ${this.schema}.logregel WHERE ${where.join(' AND ')}
      ORDER BY start_time DESC, id DESC LIMIT $${args.length}`, args);
    return rows.map((r) => r.regel as AuditRecord);
  }
  async ping() {
    await this.ensureSchema();
    await this.pool.query('SELECT 1');
  }
  async purge(processingActivityIds: string[], before: string) {
    if (!processingActivityIds.length) return 0;
    await this.ensureSchema();
    const { rowCount } = await this.pool.query(`DELETE FROM ${this.schema}.logregel WHERE processing_activity_id = ANY($1) AND start_time < $2`, [processingActivityIds, before]);
    return rowCount ?? 0;
  }
  async close() {}
}
