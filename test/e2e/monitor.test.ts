import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, TEST_DAY, type Identity } from '../support/system';
import { grenzen, waarheid, WAARHEID_INDICATOREN } from '../support/monitor';

/**
 * The monitor against the generator's ground truth: with the threshold at 1 nothing is suppressed
 * and every figure must equal the truth; at the default threshold every small cell is suppressed
 * and no suppressed cell can be recovered by subtracting published cells from a published total,
 * across municipalities, arbeidsmarktregio's, Doorstroompunt regions, age bands and periods.
 */
const PERIODES = ['2026-07', '2026-08', '2026-09', '2026-K3', '2026-10', '2025-11'];
const KLASSEN = ['L16_17', 'L18_22', 'L23_26', 'TOTAAL'];
type Cel = { indicator: string; leeftijd: string; waarde: number | null; onderdrukt: boolean };

/** Every published cell, read as an analyst of each municipality (who sees their own three regions). */
async function leesAlles(system: RunningSystem): Promise<Map<string, Cel>> {
  const regions = system.population.regions;
  const cellen = new Map<string, Cel>();
  for (const g of regions.gemeenten()) {
    const analist: Identity = { role: 'bi-analist', org: g.code, activity: 'regionale-monitoring' };
    const codes = [g.code, g.arbeidsmarktregio!, g.doorstroompuntregio!];
    for (const periode of PERIODES) {
      const q = `query ($p: String!) { ${codes.map((c, i) => `r${i}: regio(code: "${c}") { code cijfers(periode: $p) { indicator leeftijd waarde onderdrukt } }`).join(' ')} }`;
      const { body } = await gqlAs(system, analist, q, { p: periode });
      expect(body.errors).toBeUndefined();
      for (const r of Object.values(body.data) as { code: string; cijfers: Cel[] }[]) for (const c of r.cijfers) cellen.set(`${c.indicator}|${r.code}|${periode}|${c.leeftijd}`, c);
    }
  }
  return cellen;
}

function regioCodes(system: RunningSystem) {
  return system.population.regions.all().map((r) => r.code);
}

describe('monitor figures before suppression (threshold 1)', () => {
  let system: RunningSystem;
  beforeAll(async () => { system = await startTestSystem({ monitorDrempel: 1 }); }, 120_000);
  afterAll(() => system?.stop());

  it('equal the generator\'s ground truth for every indicator, region, age band and period', async () => {
    const cellen = await leesAlles(system);
    const truth = waarheid(system.population, system.population.regions, TEST_DAY, PERIODES, regioCodes(system));
    let vergeleken = 0;
    for (const ind of WAARHEID_INDICATOREN) for (const regio of regioCodes(system)) for (const periode of PERIODES) for (const k of KLASSEN) {
      const key = `${ind}|${regio}|${periode}|${k}`;
      expect([key, cellen.get(key)?.waarde]).toEqual([key, truth.get(key) ?? 0]);
      vergeleken++;
    }
    // Every indicator the monitor publishes is one the truth knows, and it is not all zeros.
    const { body } = await gqlAs(system, { role: 'bi-analist', org: 'GM0518', activity: 'regionale-monitoring' }, '{ monitorIndicatoren { code } }');
    expect(body.data.monitorIndicatoren.map((i: { code: string }) => i.code).sort()).toEqual([...WAARHEID_INDICATOREN].sort());
    for (const ind of WAARHEID_INDICATOREN) expect([ind, [...truth].some(([k, n]) => k.startsWith(`${ind}|`) && n > 0)]).toEqual([ind, true]);
    expect(vergeleken).toBeGreaterThan(20_000);
  });
});

describe('monitor figures after suppression (default threshold 10)', () => {
  let system: RunningSystem;
  beforeAll(async () => { system = await startTestSystem(); }, 120_000);
  afterAll(() => system?.stop());

  it('suppress every small cell, publish the rest exactly, and leave nothing recoverable by subtraction', async () => {
    const regions = system.population.regions;
    const cellen = await leesAlles(system);
    const truth = waarheid(system.population, regions, TEST_DAY, PERIODES, regioCodes(system));
    const telling = { klein: 0, beschermend: 0 };
    for (const [key, c] of cellen) {
      const n = truth.get(key) ?? 0;
      // Small and protecting cells look the same: null and onderdrukt, nothing else to tell them apart.
      expect(Object.keys(c).sort()).toEqual(['indicator', 'leeftijd', 'onderdrukt', 'waarde']);
      if (n > 0 && n < 10) { expect([key, c.waarde, c.onderdrukt]).toEqual([key, null, true]); telling.klein++; }
      else if (c.onderdrukt) { expect([key, c.waarde]).toEqual([key, null]); telling.beschermend++; }
      else expect([key, c.waarde]).toEqual([key, n]);
    }
    expect(telling.klein).toBeGreaterThan(100);
    expect(telling.beschermend).toBeGreaterThan(10);
    // The relations, written from the region configuration: region = its municipalities in the area;
    // total = its bands; a flow's quarter = its months.
    const relaties: string[][] = [];
    const indicatoren = [...new Set([...cellen.keys()].map((k) => k.split('|')[0]))];
    const stromen = new Set(indicatoren.filter((i) => /^(onderwijs\.|programma\.)/.test(i)));
    for (const ind of indicatoren) for (const periode of PERIODES) {
      for (const r of regions.all().filter((x) => x.soort !== 'GEMEENTE')) for (const k of KLASSEN) {
        relaties.push([`${ind}|${r.code}|${periode}|${k}`, ...r.gemeenten.filter((g) => regions.get(g)).map((g) => `${ind}|${g}|${periode}|${k}`)]);
      }
      for (const r of regions.all()) relaties.push([`${ind}|${r.code}|${periode}|TOTAAL`, ...KLASSEN.slice(0, 3).map((k) => `${ind}|${r.code}|${periode}|${k}`)]);
    }
    for (const ind of stromen) for (const r of regions.all()) for (const k of KLASSEN) relaties.push([`${ind}|${r.code}|2026-K3|${k}`, ...['2026-07', '2026-08', '2026-09'].map((m) => `${ind}|${r.code}|${m}|${k}`)]);
    for (const [totaal, ...delen] of relaties) {
      const verborgen = [totaal, ...delen].filter((k) => cellen.get(k)!.onderdrukt);
      expect([totaal, verborgen.length === 1]).toEqual([totaal, false]);
      if (!verborgen.length) expect([totaal, cellen.get(totaal)!.waarde]).toEqual([totaal, delen.reduce((s, k) => s + cellen.get(k)!.waarde!, 0)]);
    }
  });

  it('gives figures only for fixed, published periods and only for the analyst\'s own regions', async () => {
    const analist: Identity = { role: 'bi-analist', org: 'GM0114', activity: 'regionale-monitoring' };
    const code = async (regio: string, periode: string) => (await gqlAs(system, analist, `{ regio(code: "${regio}") { cijfers(periode: "${periode}") { waarde } } }`)).body.errors?.[0]?.extensions?.code;
    expect(await code('GM0114', '2025-11-01')).toBe('BAD_USER_INPUT'); // a free date, as in the issue's two-query attack
    expect(await code('GM0114', '2026-11')).toBe('BAD_USER_INPUT'); // the running month is not closed
    expect(await code('GM0114', '2024-10')).toBe('BAD_USER_INPUT'); // older than the published 24 months
    expect(await code('GM0518', '2026-10')).toBe('OUT_OF_SCOPE');
    expect(await code('GM0114', '2026-10')).toBeUndefined();
    expect(grenzen('2026-K3')).toEqual(['2026-07-01', '2026-09-30']);
  });
});
