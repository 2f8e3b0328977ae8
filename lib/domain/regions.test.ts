import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_AREA, RegionRegistry, demoRegions } from './regions';

/** The CBS 2026 municipality file, read here directly: the expectations do not come from the registry. */
const cbs = (parse(readFileSync(join(__dirname, '..', '..', 'population', 'reference', 'gemeenten-arbeidsmarktregio.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
  .filter((r) => r.year === '2026');
const amVan = (code: string) => cbs.find((r) => r.code === code)!.region_code;

describe('the pilot area', () => {
  const regions = demoRegions();

  it('holds the bill\'s pilot regions, Den Haag included, each with a contactgemeente among its members and a source or an explicit assumption', () => {
    expect(regions.all('DOORSTROOMPUNTREGIO').map((r) => r.code).sort()).toEqual(['DP-HAAGLANDEN', 'DP-NOORD-MIDDEN-DRENTHE', 'DP-OOST-GRONINGEN', 'DP-RIJK-VAN-NIJMEGEN', 'DP-ZUIDOOST-DRENTHE']);
    for (const dp of regions.all('DOORSTROOMPUNTREGIO')) {
      expect(dp.gemeenten).toContain(dp.contactgemeente);
      expect(dp.bron).toMatch(/\S/);
    }
    expect(regions.get('GM0518')!.doorstroompuntregio).toBe('DP-HAAGLANDEN');
    expect(regions.get('GM0765')!.doorstroompuntregio).toBe('DP-OOST-GRONINGEN'); // Pekela
  });

  it('takes every municipality\'s arbeidsmarktregio from CBS 2026, so a Doorstroompunt region can cross them', () => {
    for (const g of regions.gemeenten()) expect([g.code, g.arbeidsmarktregio]).toEqual([g.code, amVan(g.code)]);
    const crossing = regions.all('DOORSTROOMPUNTREGIO').filter((dp) => new Set(dp.gemeenten.map(amVan)).size > 1).map((dp) => dp.code).sort();
    expect(crossing).toEqual(['DP-HAAGLANDEN', 'DP-NOORD-MIDDEN-DRENTHE']);
    // Rijk van Nijmegen: Doorstroompunt region and arbeidsmarktregio are the same (uitvoeringstoets par. 3.2).
    expect(regions.get('DP-RIJK-VAN-NIJMEGEN')!.gemeenten.sort()).toEqual(cbs.filter((r) => r.region_code === 'AM08').map((r) => r.code).sort());
    expect(regions.get('AM08')!.volledig).toBe(true);
    expect(regions.get('AM01')!.volledig).toBe(false);
  });

  it('groups the municipalities into their CBS provinces and the country, so figures can be published for both', () => {
    for (const g of regions.gemeenten()) {
      const rij = cbs.find((r) => r.code === g.code)!;
      expect([g.code, g.provincie, regions.get(g.provincie!)!.naam]).toEqual([g.code, rij.province_code, rij.province]);
      expect(regions.get(g.provincie!)!.gemeenten).toContain(g.code);
    }
    expect(regions.all('PROVINCIE').map((p) => p.naam).sort()).toEqual(['Drenthe', 'Gelderland', 'Groningen', 'Limburg', 'Zuid-Holland']); // Mook en Middelaar (Limburg) is in the Rijk van Nijmegen
    expect(regions.get('NL')!.gemeenten.sort()).toEqual(regions.gemeenten().map((g) => g.code).sort());
    expect(regions.get('NL')!.volledig).toBe(false); // the demo area is 25 of the 342 municipalities
  });

  it('refuses a configuration that names an unknown municipality, puts one in two regions, or a contactgemeente outside its region', () => {
    const met = (dp: (typeof DEMO_AREA)['doorstroompuntregios'][number]) => () => new RegionRegistry({ ...DEMO_AREA, doorstroompuntregios: [...DEMO_AREA.doorstroompuntregios, dp] });
    expect(met({ code: 'DP-X', naam: 'X', contactgemeente: 'GM9999', gemeenten: ['GM9999'], bron: 'x' })).toThrow(/GM9999/);
    expect(met({ code: 'DP-X', naam: 'X', contactgemeente: 'GM0518', gemeenten: ['GM0518'], bron: 'x' })).toThrow(/two Doorstroompunt regions/);
    expect(met({ code: 'DP-X', naam: 'X', contactgemeente: 'GM0014', gemeenten: ['GM0363'], bron: 'x' })).toThrow(/contactgemeente/);
  });
});
