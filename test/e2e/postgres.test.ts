import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, zelf } from '../support/system';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `e2e_${randomBytes(6).toString('hex')}`;
let system: RunningSystem;

beforeAll(async () => {
  system = await startTestSystem({ population: { size: 300, seed: 6, peildatum: '2026-11-01' }, security: { postgres: { connectionString: PG_URL, schema } } });
}, 120_000);
afterAll(async () => {
  await system?.stop();
  const pool = new Pool({ connectionString: PG_URL });
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

describe('PostgreSQL selected by configuration', () => {
  it('holds the consent seed and the audit log of the whole system', async () => {
    const pool = new Pool({ connectionString: PG_URL });
    try {
      const consent = await pool.query(`SELECT COUNT(*)::int AS n FROM ${schema}.toestemming`);
      expect(consent.rows[0].n).toBeGreaterThan(100);
      const { body } = await gqlAs(system, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } uitkering { soort } } }`);
      expect(body.data.jongere.naam.voornamen).toEqual(expect.any(String));
      const audit = await pool.query(`SELECT regel FROM ${schema}.logregel WHERE data_subject_id = $1`, [system.security!.pseudonym(SHOWCASE_BSN)]);
      expect(audit.rows.map((r) => r.regel.resource['service.name']).sort()).toEqual(['basis', 'participatie']);
    } finally {
      await pool.end();
    }
  });
});
