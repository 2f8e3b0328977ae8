import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { ageOn } from '../../lib/domain/dates';
import { heeftToestemming } from '../../population/consent';
import type { RunningSystem } from '../../system';
import { CachedConsentStore } from '../../stores/consent-cache';
import { startPrivateRedis, type PrivateRedis } from '../support/redis';
import { gqlAs, startTestSystem, testClock } from '../support/system';

/**
 * Two replicas of the whole system (gateway and every subgraph) share one consent store (a
 * PostgreSQL schema of this test's own) and one private Redis. Each keeps its own consent cache;
 * a change at one replica must hold on the very next request at the other.
 */
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `replicas_${randomBytes(6).toString('hex')}`;
const pseudonymKey = randomBytes(32).toString('hex');
let redis: PrivateRedis;
let a: RunningSystem;
let b: RunningSystem;
let pool: Pool;

const replica = (redisUrl: string) => startTestSystem({
  population: { seed: 20260101, size: 2000, peildatum: '2026-11-01' }, redisUrl,
  security: { postgres: { connectionString: PG_URL, schema }, pseudonymKey },
});

beforeAll(async () => {
  redis = await startPrivateRedis();
  pool = new Pool({ connectionString: PG_URL });
  a = await replica(redis.url);
  b = await replica(redis.url);
  const caches = [a, b].map((s) => s.security!.consent as CachedConsentStore);
  // Both replicas hear the bus before the round trip starts (their probe came back).
  for (let i = 0; i < 1200 && !caches.every((c) => c.betrouwbaar); i++) await new Promise((r) => setTimeout(r, 25));
}, 180_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
  await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool?.end();
});

const loket = { role: 'jongerenloket', org: 'GM0518', activity: 'jongerenloket-intake', sub: 'loket-medewerker-7' };
const collega = { ...loket, sub: 'loket-medewerker-8' };
const GEEF = `mutation ($bsn: String!) { geefToestemming(invoer: { bsn: $bsn, activiteit: "jongerenloket-intake", categorieen: ["zorg.indicatie"],
  ontvanger: { soort: ORGANISATIE, waarde: "GM0518" }, doel: "intake", geldigTot: "2027-11-01",
  bewijs: { soort: ONDERTEKEND_FORMULIER, referentie: "JL-7", datum: "2026-10-30" } }) { id status gegevenDoor { door medewerker organisatie activiteit } } }`;
const BEVESTIG = 'mutation ($bsn: String!, $id: ID!) { bevestigToestemming(bsn: $bsn, id: $id) { status bevestigdDoor { door medewerker } } }';
const Q = 'query ($bsn: String!) { jongere(bsn: $bsn) { heeftZorgtoewijzing } }';
const zichtbaar = async (system: RunningSystem, bsn: string) => {
  const r = await gqlAs(system, loket, Q, { bsn });
  return r.body.data?.jongere?.heeftZorgtoewijzing === null ? r.body.errors?.[0]?.extensions?.code : 'ZICHTBAAR';
};

describe('consent across two replicas', () => {
  it('withheld → recorded at A (pending: still withheld) → confirmed by a second employee at B → visible at A and B → withdrawn at A → withheld on the very next request at B, each step audited', async () => {
    // Someone in Den Haag, 16-26, who never consented to the loket (the generator's ground truth).
    const p = Array.from({ length: a.population.size }, (_, i) => a.population.person(i))
      .find((x) => x.gemeenteCode === 'GM0518' && ageOn(x.geboortedatum, testClock()) >= 16 && ageOn(x.geboortedatum, testClock()) < 27 && !heeftToestemming(x, 'jongerenloket-intake'))!;
    const cacheB = b.security!.consent as CachedConsentStore;
    expect([await zichtbaar(a, p.bsn), await zichtbaar(b, p.bsn)]).toEqual(['NO_CONSENT', 'NO_CONSENT']);
    // B now holds "no consent" for this person in its cache: the next answer comes from there.
    const hits = cacheB.stats.hits;
    expect(await zichtbaar(b, p.bsn)).toBe('NO_CONSENT');
    expect(cacheB.stats.hits).toBeGreaterThan(hits);

    const gegeven = await gqlAs(a, loket, GEEF, { bsn: p.bsn });
    expect(gegeven.body.data.geefToestemming).toMatchObject({ status: 'IN_AFWACHTING', gegevenDoor: { door: 'MEDEWERKER', medewerker: 'loket-medewerker-7', organisatie: 'GM0518', activiteit: 'jongerenloket-intake@3' } });
    // Pending opens nothing, at either replica.
    expect([await zichtbaar(a, p.bsn), await zichtbaar(b, p.bsn)]).toEqual(['NO_CONSENT', 'NO_CONSENT']);
    const bevestigd = await gqlAs(b, collega, BEVESTIG, { bsn: p.bsn, id: gegeven.body.data.geefToestemming.id });
    expect(bevestigd.body.data.bevestigToestemming).toEqual({ status: 'ACTIEF', bevestigdDoor: { door: 'MEDEWERKER', medewerker: 'loket-medewerker-8' } });
    expect(await zichtbaar(b, p.bsn)).toBe('ZICHTBAAR');
    expect(await zichtbaar(a, p.bsn)).toBe('ZICHTBAAR');
    expect(await zichtbaar(b, p.bsn)).toBe('ZICHTBAAR'); // cached at B as given

    const id = gegeven.body.data.geefToestemming.id;
    const ingetrokken = await gqlAs(a, loket, 'mutation ($bsn: String!, $id: ID!) { trekToestemmingIn(bsn: $bsn, id: $id) { status actief ingetrokkenDoor { door medewerker } } }', { bsn: p.bsn, id });
    expect(ingetrokken.body.data.trekToestemmingIn).toEqual({ status: 'INGETROKKEN', actief: false, ingetrokkenDoor: { door: 'MEDEWERKER', medewerker: 'loket-medewerker-7' } });
    expect(await zichtbaar(b, p.bsn)).toBe('NO_CONSENT');
    expect(await zichtbaar(a, p.bsn)).toBe('NO_CONSENT');

    // The audit log (shared): the change records at the consent service, and every read at zorg with its outcome.
    const { rows } = await pool.query(`SELECT regel FROM ${schema}.logregel WHERE data_subject_id = $1 ORDER BY id`, [a.security!.pseudonym(p.bsn)]);
    const regels = rows.map((r) => r.regel);
    const wijzigingen = regels.filter((r) => r.attributes['jf.wijzigingen']).map((r) => [r.resource['service.name'], r.attributes['jf.medewerker'], r.attributes['jf.wijzigingen'][0].split(':')[0]]);
    expect(wijzigingen).toEqual([['toestemming', 'loket-medewerker-7', `toestemming ${id} vastgelegd (IN_AFWACHTING) door MEDEWERKER`],
      ['toestemming', 'loket-medewerker-8', `toestemming ${id} bevestigd door MEDEWERKER loket-medewerker-8`],
      ['toestemming', 'loket-medewerker-7', `toestemming ${id} ingetrokken door MEDEWERKER loket-medewerker-7`]]);
    expect(regels.filter((r) => r.attributes['jf.wijzigingen']).every((r) => r.attributes['jf.soort'] === 'WIJZIGING')).toBe(true);
    const zorg = regels.filter((r) => r.resource['service.name'] === 'zorg').map((r) => (r.attributes['jf.categorieen.verstrekt'].includes('zorg.indicatie') ? 'verstrekt' : r.attributes['jf.categorieen.geweigerd']['zorg.indicatie']));
    expect(zorg).toEqual(['GEEN_TOESTEMMING', 'GEEN_TOESTEMMING', 'GEEN_TOESTEMMING', 'GEEN_TOESTEMMING', 'GEEN_TOESTEMMING', 'verstrekt', 'verstrekt', 'verstrekt', 'GEEN_TOESTEMMING', 'GEEN_TOESTEMMING']);
  }, 120_000);

  it('without Redis every replica stops trusting its cache, so a withdrawal still holds everywhere at once', async () => {
    const p = Array.from({ length: a.population.size }, (_, i) => a.population.person(i))
      .filter((x) => x.gemeenteCode === 'GM0518' && ageOn(x.geboortedatum, testClock()) >= 16 && ageOn(x.geboortedatum, testClock()) < 27 && !heeftToestemming(x, 'jongerenloket-intake'))[1];
    const gegeven = await gqlAs(b, loket, GEEF, { bsn: p.bsn });
    await gqlAs(a, collega, BEVESTIG, { bsn: p.bsn, id: gegeven.body.data.geefToestemming.id });
    expect([await zichtbaar(a, p.bsn), await zichtbaar(a, p.bsn)]).toEqual(['ZICHTBAAR', 'ZICHTBAAR']);
    await redis.stop();
    const caches = [a, b].map((s) => s.security!.consent as CachedConsentStore);
    for (let i = 0; i < 1200 && caches.some((c) => c.betrouwbaar); i++) await new Promise((r) => setTimeout(r, 25));
    expect(caches.map((c) => c.betrouwbaar)).toEqual([false, false]);
    await gqlAs(b, loket, 'mutation ($bsn: String!, $id: ID!) { trekToestemmingIn(bsn: $bsn, id: $id) { id } }', { bsn: p.bsn, id: gegeven.body.data.geefToestemming.id });
    expect(await zichtbaar(a, p.bsn)).toBe('NO_CONSENT');
  }, 120_000);
});
