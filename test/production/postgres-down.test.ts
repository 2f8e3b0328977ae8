import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { cuttableProxy } from '../support/cuttable-proxy';
import { gqlAs, startTestSystem, zelf } from '../support/system';

/**
 * Issue 7: PostgreSQL down at start. The test puts a TCP proxy it controls in front of the
 * machine's PostgreSQL: "down" refuses every connection, "up" passes them on.
 */
const PG = { host: '127.0.0.1', port: 5432 };
const schema = `t_down_${randomBytes(4).toString('hex')}`;
const proxy = cuttableProxy(PG, false);
let system: RunningSystem;

afterAll(async () => {
  await system?.stop();
  proxy.close();
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

const waitFor = async (check: () => Promise<boolean>, ms = 60_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) { if (await check()) return; await new Promise((r) => setTimeout(r, 250)); }
  throw new Error('condition not reached');
};

describe('PostgreSQL down at start', () => {
  it('starts, reports not-ready and answers 503 AUDIT_UNAVAILABLE until the store is back, then serves', async () => {
    const port = await proxy.listen();
    system = await startTestSystem({
      population: { size: 200, seed: 9, peildatum: '2026-11-01' },
      security: { postgres: { connectionString: `postgres://postgres@127.0.0.1:${port}/test`, schema } },
    });
    const ready = async () => (await fetch(new URL('readyz', system.gatewayUrl))).status;
    expect(await ready()).toBe(503);
    const q = `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } } }`;
    const down = await gqlAs(system, zelf(SHOWCASE_BSN), q);
    expect([down.status, down.body.data ?? null, down.body.errors?.[0]?.extensions?.code]).toEqual([503, null, 'AUDIT_UNAVAILABLE']);
    proxy.restore();
    await waitFor(async () => (await ready()) === 200);
    const back = await gqlAs(system, zelf(SHOWCASE_BSN), q);
    expect([back.status, back.body.errors]).toEqual([200, undefined]);
    expect(back.body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
  }, 120_000);
});
