import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { initDatabase } from '../../scripts/db-init';
import { PostgresAuditStore } from '../audit';
import { PostgresNazorgStore } from '../nazorg';
import { PostgresConsentStore } from '../consent';
import type { DatabaseRoles } from './ddl';

/** On the machine's PostgreSQL: roles and a schema of this run's own, dropped after. */
const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = randomBytes(4).toString('hex');
const schema = `jf_roles_${run}`;
const roles: DatabaseRoles = {
  owner: `jf_owner_${run}`, auditWriter: `jf_aw_${run}`, auditReader: `jf_ar_${run}`, auditRetention: `jf_rt_${run}`, consentReader: `jf_cr_${run}`, consentWriter: `jf_cw_${run}`, nazorgWriter: `jf_nw_${run}`, programmaWriter: `jf_pw_${run}`,
};
const passwords = Object.fromEntries(Object.keys(roles).map((k) => [k, randomBytes(18).toString('base64url')])) as Record<keyof DatabaseRoles, string>;
const as = (role: string) => ADMIN.replace('postgres@', `${role}:${passwords[(Object.entries(roles).find(([, r]) => r === role)![0]) as keyof DatabaseRoles]}@`);

beforeAll(() => initDatabase(ADMIN, schema, roles, passwords));
afterAll(async () => {
  const admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  for (const role of Object.values(roles)) await admin.query(`DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

async function attempt(role: string, sql: string): Promise<'ok' | 'denied'> {
  const client = new Client({ connectionString: as(role) });
  await client.connect();
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return 'denied';
    throw error;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL roles per duty (npm run db:init)', () => {
  const row = `(trace_id, span_id, start_time, processing_activity_id, data_subject_id, regel) VALUES ('t', 's', now(), 'a', 'd', '{}')`;

  it('lets the audit writer only insert, the reader only read, and neither change or delete', async () => {
    expect(await attempt(roles.auditWriter, `INSERT INTO ${schema}.logregel ${row}`)).toBe('ok');
    expect(await attempt(roles.auditWriter, `SELECT * FROM ${schema}.logregel`)).toBe('denied');
    expect(await attempt(roles.auditWriter, `UPDATE ${schema}.logregel SET regel = '{}'`)).toBe('denied');
    expect(await attempt(roles.auditWriter, `DELETE FROM ${schema}.logregel`)).toBe('denied');
    expect(await attempt(roles.auditReader, `SELECT * FROM ${schema}.logregel`)).toBe('ok');
    expect(await attempt(roles.auditReader, `INSERT INTO ${schema}.logregel ${row}`)).toBe('denied');
    expect(await attempt(roles.auditReader, `DELETE FROM ${schema}.logregel`)).toBe('denied');
    expect(await attempt(roles.consentWriter, `SELECT * FROM ${schema}.logregel`)).toBe('denied');
    expect(await attempt(roles.auditWriter, `CREATE TABLE ${schema}.x (a int)`)).toBe('denied');
    // Only the retention job deletes, and only audit records.
    expect(await attempt(roles.auditRetention, `DELETE FROM ${schema}.logregel WHERE start_time < now() - interval '5 years'`)).toBe('ok');
    expect(await attempt(roles.auditRetention, `UPDATE ${schema}.logregel SET regel = '{}'`)).toBe('denied');
    expect(await attempt(roles.auditRetention, `DELETE FROM ${schema}.toestemming`)).toBe('denied');
  });

  it('keeps consent to its own roles: the reader reads, the writer records and withdraws, nobody deletes', async () => {
    expect(await attempt(roles.consentReader, `SELECT * FROM ${schema}.toestemming`)).toBe('ok');
    expect(await attempt(roles.consentReader, `INSERT INTO ${schema}.toestemming (id, bsn, activiteit, gegeven_op) VALUES (gen_random_uuid()::text, '1', 'a', now())`)).toBe('denied');
    expect(await attempt(roles.consentWriter, `INSERT INTO ${schema}.toestemming (id, bsn, activiteit, gegeven_op) VALUES (gen_random_uuid()::text, '1', 'a', now())`)).toBe('ok');
    expect(await attempt(roles.consentWriter, `UPDATE ${schema}.toestemming SET ingetrokken_op = now()`)).toBe('ok');
    expect(await attempt(roles.consentWriter, `DELETE FROM ${schema}.toestemming`)).toBe('denied');
    expect(await attempt(roles.auditWriter, `SELECT * FROM ${schema}.toestemming`)).toBe('denied');
  });

  it('lets the nazorg writer record and read the schools\' contacts, and nothing else', async () => {
    const contact = `(id, bsn, brin, datum, soort, uitkomst, medewerker, vastgelegd_op) VALUES ('c1', '1', '91AA', '2026-10-01', 'GESPREK', 'STUDEERT', 'm', now())`;
    expect(await attempt(roles.nazorgWriter, `INSERT INTO ${schema}.nazorgcontact ${contact}`)).toBe('ok');
    expect(await attempt(roles.nazorgWriter, `SELECT * FROM ${schema}.nazorgcontact`)).toBe('ok');
    expect(await attempt(roles.nazorgWriter, `UPDATE ${schema}.nazorgcontact SET uitkomst = 'WERKT'`)).toBe('denied');
    expect(await attempt(roles.nazorgWriter, `DELETE FROM ${schema}.nazorgcontact`)).toBe('denied');
    expect(await attempt(roles.nazorgWriter, `SELECT * FROM ${schema}.toestemming`)).toBe('denied');
    expect(await attempt(roles.consentWriter, `SELECT * FROM ${schema}.nazorgcontact`)).toBe('denied');
    expect(await attempt(roles.programmaWriter, `INSERT INTO ${schema}.maatregel VALUES ('m1', 'DP-X', '{}', now())`)).toBe('ok');
    expect(await attempt(roles.programmaWriter, `UPDATE ${schema}.maatregel SET gegevens = '{}'`)).toBe('ok');
    expect(await attempt(roles.programmaWriter, `DELETE FROM ${schema}.maatregel`)).toBe('denied');
    expect(await attempt(roles.programmaWriter, `SELECT * FROM ${schema}.toestemming`)).toBe('denied');
  });

  it('runs the stores on those roles: they create nothing and use only what they were granted', async () => {
    const writer = new Pool({ connectionString: as(roles.auditWriter) });
    const reader = new Pool({ connectionString: as(roles.auditReader) });
    const consent = new Pool({ connectionString: as(roles.consentReader) });
    const nazorg = new Pool({ connectionString: as(roles.nazorgWriter) });
    try {
      const record = { trace_id: 'tr', span_id: 'sp', parent_span_id: null, name: 'basis.query', start_time: '2026-11-01T10:00:00.000Z', end_time: '2026-11-01T10:00:00.000Z',
        status_code: 1 as const, resource: { 'service.name': 'basis' },
        attributes: { 'dpl.core.processing_activity_id': 'a', 'dpl.core.data_subject_id': 'd', 'dpl.core.data_subject_id_type': 'BSN' as const, 'jf.organisatie': 'GM0001' } };
      await new PostgresAuditStore(writer, schema).append([record]);
      expect(await new PostgresAuditStore(reader, schema).query({ traceId: 'tr' }, 5)).toEqual([record]);
      expect(await new PostgresConsentStore(consent, schema).actief('a', ['1'], { rol: 'r', organisatie: 'o', dag: '2026-11-01' })).toBeInstanceOf(Map);
      const store = new PostgresNazorgStore(nazorg, schema);
      const c = { id: 'c2', bsn: '2', brin: '91AA', datum: '2026-10-02', soort: 'TELEFOON', uitkomst: 'WERKT', reden: null, medewerker: 'm', vastgelegdOp: '2026-11-01T10:00:00.000Z' };
      await store.bewaar(c);
      expect(await store.van(['2'], '91AA')).toEqual([c]);
      expect(await store.van(['2'], '25LJ')).toEqual([]);
    } finally {
      await Promise.all([writer.end(), reader.end(), consent.end(), nazorg.end()]);
    }
  });
});
