import fc from 'fast-check';
import { onderdruk, type Relatie } from './onderdrukking';

/**
 * A table like the monitor's: municipalities grouped into two overlapping region kinds, age bands
 * with a total, months with a quarter. The property: every small cell is suppressed, and no
 * relation is left with exactly one suppressed cell, so no suppressed cell equals a published
 * total minus published parts — across periods and the region hierarchy.
 */
function tabel(gemeenten: number, waarden: number[]) {
  const cellen = new Map<string, number>();
  const relaties: Relatie[] = [];
  const regios = { A: [...Array(gemeenten).keys()].filter((g) => g % 2 === 0), B: [...Array(gemeenten).keys()].filter((g) => g < Math.ceil(gemeenten / 2)), C: [...Array(gemeenten).keys()] };
  const maanden = ['m1', 'm2', 'm3'];
  const klassen = ['k1', 'k2'];
  let i = 0;
  for (const m of maanden) for (const k of klassen) for (let g = 0; g < gemeenten; g++) cellen.set(`g${g}|${m}|${k}`, waarden[i++ % waarden.length]);
  const som = (keys: string[]) => keys.reduce((s, k) => s + cellen.get(k)!, 0);
  const perioden = [...maanden, 'q'];
  for (const k of klassen) for (let g = 0; g < gemeenten; g++) {
    const delen = maanden.map((m) => `g${g}|${m}|${k}`);
    cellen.set(`g${g}|q|${k}`, som(delen));
    relaties.push({ totaal: `g${g}|q|${k}`, delen });
  }
  const gebieden = [...Array(gemeenten).keys()].map((g) => `g${g}`);
  for (const [naam, leden] of Object.entries(regios)) {
    gebieden.push(naam);
    for (const p of perioden) for (const k of klassen) {
      const delen = leden.map((g) => `g${g}|${p}|${k}`);
      cellen.set(`${naam}|${p}|${k}`, som(delen));
      relaties.push({ totaal: `${naam}|${p}|${k}`, delen });
    }
    for (const k of klassen) relaties.push({ totaal: `${naam}|q|${k}`, delen: maanden.map((m) => `${naam}|${m}|${k}`) });
  }
  for (const gebied of gebieden) for (const p of perioden) {
    const delen = klassen.map((k) => `${gebied}|${p}|${k}`);
    cellen.set(`${gebied}|${p}|T`, som(delen));
    relaties.push({ totaal: `${gebied}|${p}|T`, delen });
  }
  // Totals over the quarter of the age-band total, and regions of the total.
  for (const gebied of gebieden) relaties.push({ totaal: `${gebied}|q|T`, delen: maanden.map((m) => `${gebied}|${m}|T`) });
  for (const [naam, leden] of Object.entries(regios)) for (const p of perioden) relaties.push({ totaal: `${naam}|${p}|T`, delen: leden.map((g) => `g${g}|${p}|T`) });
  return { cellen, relaties };
}

describe('disclosure control with complementary suppression', () => {
  it('suppresses every small cell and leaves no suppressed cell recoverable from published cells of any relation', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 7 }), fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 10, max: 200 })), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 2, max: 12 }), (gemeenten, waarden, drempel) => {
        const { cellen, relaties } = tabel(gemeenten, waarden);
        const onderdrukt = onderdruk(cellen, relaties, drempel);
        for (const [k, n] of cellen) if (n > 0 && n < drempel) expect(onderdrukt.get(k)).toBe('KLEINE_CEL');
        for (const r of relaties) {
          const verborgen = [r.totaal, ...r.delen].filter((k) => onderdrukt.has(k));
          // Recoverable by subtraction: exactly one unknown in the relation.
          expect([r.totaal, verborgen.length === 1]).toEqual([r.totaal, false]);
        }
      }), { numRuns: 300 });
  });

  it('publishes a table without small cells untouched', () => {
    const { cellen, relaties } = tabel(3, [20, 30, 0, 45]);
    expect(onderdruk(cellen, relaties, 10).size).toBe(0);
  });

  it('hides a small municipality in its region: the smallest other part goes too, not the total', () => {
    const cellen = new Map([['R', 60], ['a', 3], ['b', 25], ['c', 32]]);
    expect(onderdruk(cellen, [{ totaal: 'R', delen: ['a', 'b', 'c'] }], 10)).toEqual(new Map([['a', 'KLEINE_CEL'], ['b', 'AANVULLEND']]));
  });

  it('refuses a threshold that is not a positive integer', () => {
    expect(() => onderdruk(new Map(), [], 0)).toThrow(/positive integer/);
  });
});
