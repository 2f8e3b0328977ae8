import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loadRegister } from '../policies/register';
import { PostgresAuditStore, SqliteAuditStore, type AuditRecord, type AuditStore } from './audit';
import { minusPeriod, purgeExpired } from './retention';

const register = loadRegister();
const uri = (id: string) => register.activiteiten.find((a) => a.id === id)!.uri;
const record = (activity: string, start: string, subject = 's'): AuditRecord => ({
  trace_id: randomBytes(16).toString('hex'), span_id: randomBytes(8).toString('hex'), parent_span_id: null, name: 'basis.query', start_time: start, end_time: start,
  status_code: 1, resource: { 'service.name': 'basis' },
  attributes: { 'dpl.core.processing_activity_id': uri(activity), 'dpl.core.data_subject_id': subject, 'dpl.core.data_subject_id_type': 'BSN' },
});

describe('ISO 8601 retention periods', () => {
  it('subtracts years, months, weeks and days, and refuses anything else', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(minusPeriod(now, 'P5Y').toISOString()).toBe('2021-11-30T12:00:00.000Z');
    expect(minusPeriod(now, 'P18M').toISOString()).toBe('2025-05-30T12:00:00.000Z');
    expect(minusPeriod(now, 'P1Y2M3D').toISOString()).toBe('2025-09-27T12:00:00.000Z');
    expect(() => minusPeriod(now, '5 jaar')).toThrow(/ISO 8601/);
  });
});

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `t_ret_${randomBytes(4).toString('hex')}`;
const pool = new Pool({ connectionString: PG_URL, max: 2 });
afterAll(async () => { await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); await pool.end(); });

describe.each([['SQLite', () => new SqliteAuditStore(':memory:') as AuditStore], ['PostgreSQL', () => new PostgresAuditStore(pool, schema) as AuditStore]])('audit retention on %s', (_name, make) => {
  it('purges each activity\'s records past its own retention period, keeps the rest, and leaves a trail', async () => {
    const store = make();
    const now = new Date('2026-11-30T12:00:00Z');
    // regionale-monitoring keeps P1Y, doorstroompunt-begeleiding P5Y (policies/verwerkingsregister.yaml).
    await store.append([
      record('regionale-monitoring', '2025-10-01T00:00:00.000Z', 'old-monitoring'), record('regionale-monitoring', '2026-01-01T00:00:00.000Z', 'new-monitoring'),
      record('doorstroompunt-begeleiding', '2022-01-01T00:00:00.000Z', 'kept-5y'), record('doorstroompunt-begeleiding', '2021-01-01T00:00:00.000Z', 'old-5y'),
    ]);
    const reports = await purgeExpired(store, register, now);
    expect(reports.filter((r) => r.verwijderd).map((r) => [r.activiteit, r.verwijderd])).toEqual([['doorstroompunt-begeleiding@1', 1], ['regionale-monitoring@1', 1]]);
    const left = async (id: string) => (await store.query({ processingActivityIds: [uri(id)] }, 100)).map((r) => r.attributes['dpl.core.data_subject_id']).sort();
    expect(await left('regionale-monitoring')).toEqual(['', 'new-monitoring']);
    expect(await left('doorstroompunt-begeleiding')).toEqual(['', 'kept-5y']);
    const trail = (await store.query({ processingActivityIds: [uri('regionale-monitoring')] }, 100)).find((r) => r.name === 'retentie.purge')!;
    expect(trail.attributes).toMatchObject({ 'jf.retentie.verwijderd': 1, 'jf.retentie.bewaartermijn': 'P1Y', 'jf.retentie.grens': '2025-11-30T12:00:00.000Z' });
    await store.close();
  });
});
