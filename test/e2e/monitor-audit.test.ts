import type { RunningSystem } from '../../system';
import { auditeer, type AuditCel } from '../support/celaudit';
import { atomen, leesAlles, STAND_INDICATOREN, STROOM_INDICATOREN } from '../support/monitor';
import { gqlAs, startTestSystem, TEST_DAY } from '../support/system';

/**
 * The attacker's audit (test/support/celaudit.ts) over everything every analyst can read in a
 * month of stocks and a quarter of flows (its three months and the quarter they add up to): every
 * region of every kind, every band and total, every indicator. The documented protection
 * (docs/monitor.md): no true count can be pinned down, and for every count of 1 to 9 the tightest
 * interval is wider than the protection level.
 */
const BESCHERMINGSNIVEAU = 2; // docs/monitor.md: "wider than 2", with noise of at most 3
const MAX_RUIS = 3;
const DREMPEL = 10;

async function audit(system: RunningSystem) {
  const regions = system.population.regions;
  const maanden = ['2026-07', '2026-08', '2026-09', '2026-10'];
  const gepubliceerd = new Map([...await leesAlles(system, [...maanden, '2026-K3'])].map(([k, c]) => [k, c.waarde]));
  const alle = maanden.flatMap((m) => atomen(system.population, regions, TEST_DAY, m));
  const standen = await auditeer({ atomen: alle.filter((a) => a.familie === 'S' && a.maand === '2026-10'), indicatoren: STAND_INDICATOREN,
    periodes: [{ code: '2026-10', maanden: ['2026-10'] }], regions, gepubliceerd, maxRuis: MAX_RUIS, drempel: DREMPEL });
  const stromen = await auditeer({ atomen: alle.filter((a) => a.familie === 'F' && a.maand !== '2026-10'), indicatoren: STROOM_INDICATOREN,
    periodes: [...maanden.slice(0, 3).map((m) => ({ code: m, maanden: [m] })), { code: '2026-K3', maanden: maanden.slice(0, 3) }], regions, gepubliceerd, maxRuis: MAX_RUIS, drempel: DREMPEL });
  return { cellen: [...standen.cellen, ...stromen.cellen], lp: `${standen.kolommen}+${stromen.kolommen} unknowns, ${standen.rijen}+${stromen.rijen} constraints` };
}

function beoordeel(cellen: AuditCel[]) {
  const eps = 1e-6;
  const fouten: string[] = [];
  let klein = 0;
  let smalste = Infinity;
  for (const c of cellen) {
    if (c.min > c.waar + eps || c.max < c.waar - eps) fouten.push(`${c.sleutel}: the interval [${c.min}, ${c.max}] misses the true ${c.waar}`);
    // Exact recovery: the interval holds one whole number only.
    if (Math.floor(c.max + eps) - Math.ceil(c.min - eps) < 1) fouten.push(`${c.sleutel}: recovered exactly (${c.waar}) from [${c.min}, ${c.max}]`);
    if (c.waar >= 1 && c.waar <= 9) {
      klein++;
      smalste = Math.min(smalste, c.max - c.min);
      if (c.max - c.min <= BESCHERMINGSNIVEAU + eps) fouten.push(`${c.sleutel}: ${c.waar} people narrowed to [${c.min}, ${c.max}]`);
    }
  }
  return { fouten, klein, smalste };
}

describe.each([
  ['the demo population', { seed: 20260101, size: 10_000 }],
  ['a second seed', { seed: 424242, size: 6_000 }],
])('an attacker with every published figure, on %s', (_naam, populatie) => {
  let system: RunningSystem;
  beforeAll(async () => { system = await startTestSystem({ population: { ...populatie, peildatum: TEST_DAY } }); }, 180_000);
  afterAll(() => system?.stop());

  it('pins down no count, and leaves every count of 1 to 9 an interval wider than the protection level', async () => {
    const { body } = await gqlAs(system, { role: 'bi-analist', org: 'GM0518', activity: 'regionale-monitoring' }, '{ monitorBescherming { methode maxRuis drempel beschermingsniveau } }');
    expect(body.data.monitorBescherming).toEqual({ methode: 'CELSLEUTEL', maxRuis: MAX_RUIS, drempel: DREMPEL, beschermingsniveau: BESCHERMINGSNIVEAU });
    const { cellen, lp } = await audit(system);
    const { fouten, klein, smalste } = beoordeel(cellen);
    console.log(`audit: ${cellen.length} cells (${klein} of 1-9 people), LP ${lp}; narrowest interval of a small cell ${smalste.toFixed(2)}`);
    expect(fouten.slice(0, 20)).toEqual([]);
    expect(klein).toBeGreaterThan(500);
  }, 1_200_000);
});
