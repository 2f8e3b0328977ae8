import { isValidBsn } from '../lib/domain/bsn';
import { ageOn, parseIsoDate } from '../lib/domain/dates';
import { loadProductcategorieen } from './catalog';
import { heeftStartkwalificatie, Population, SHOWCASE_BSN } from './generator';

const population = new Population({ size: 3000, seed: 7, peildatum: '2026-11-01' });
const people = [...population.persons()];

describe('synthetic population', () => {
  it('is deterministic: same seed, same people; other seed, other people', () => {
    const again = new Population({ size: 3000, seed: 7, peildatum: '2026-11-01' });
    expect(again.person(1234)).toEqual(population.person(1234));
    expect(new Population({ size: 3000, seed: 8, peildatum: '2026-11-01' }).person(1234)).not.toEqual(population.person(1234));
  });

  /** RvIG's test persons with a full birth date, 16-27 on 2026-11-01 and registered in the pilot area (all in 0518 Den Haag), read from the test set's CSV by hand. */
  const TEST_BSNS = ['999992740', '999991243', '999990408', '999992557', '999994554', '999991231', '999991462', '999992107',
    '999991954', '999992120', '999995145', '999994979', '999992533', '999990093', '999992612', '999992594', '999991577',
    '999992065', '999992375', '999994918', '999991127', '999994955', '999997592'];

  it('holds the requested number of people plus the RvIG test persons of 16-27 in the area, all with valid BSNs', () => {
    expect(people).toHaveLength(3000 + TEST_BSNS.length);
    expect(people.slice(3000).map((p) => p.bsn).sort()).toEqual([...TEST_BSNS].sort());
    expect(people.every((p) => isValidBsn(p.bsn))).toBe(true);
    expect(new Set(people.map((p) => p.bsn)).size).toBe(people.length);
  });

  it("keeps a test person's BRP data as RvIG holds it (999995145: Roos Janssen, Den Haag) and generates the other domains", () => {
    const roos = population.byBsn('999995145')!;
    expect(roos).toMatchObject({ voornamen: 'Roos', geslachtsnaam: 'Janssen', gemeenteCode: 'GM0518' });
    expect(roos.brp?.naam?.volledigeNaam).toBe('Roos Janssen');
    expect(population.byBsn('999991127')?.overlijdensdatum).toBeDefined(); // Morpheus de Jager, deceased in the test set
    expect(population.byBsn('999993653')).toBeUndefined(); // Suzanne Moulin is 40 and lives in Rotterdam
  });

  it('makes everyone 16 to 27 on the peildatum', () => {
    const peil = parseIsoDate('2026-11-01');
    const ages = people.map((p) => ageOn(p.geboortedatum, peil));
    expect(Math.min(...ages)).toBe(16);
    expect(Math.max(...ages)).toBe(27);
  });

  it('spreads people over at least 3 arbeidsmarktregio and 8 municipalities of 2026', () => {
    const gemeenten = new Set(people.map((p) => p.gemeenteCode));
    const regios = new Set([...gemeenten].map((g) => population.regions.get(g)!.arbeidsmarktregio));
    expect(gemeenten.size).toBeGreaterThanOrEqual(8);
    expect(regios.size).toBeGreaterThanOrEqual(3);
  });

  it('produces a realistic mix in every domain', () => {
    const share = (pred: (p: (typeof people)[number]) => boolean) => people.filter(pred).length / people.length;
    expect(share(heeftStartkwalificatie)).toBeGreaterThan(0.5);
    expect(share((p) => !heeftStartkwalificatie(p))).toBeGreaterThan(0.15);
    expect(share((p) => p.onderwijs.inschrijvingen.some((i) => i.onderwijssoort === 'MBO' && i.leerweg === 'BBL'))).toBeGreaterThan(0.02);
    expect(share((p) => p.onderwijs.vsv.length > 0)).toBeGreaterThan(0.03);
    expect(share((p) => p.leerplicht.verzuimmeldingen.length > 0)).toBeGreaterThan(0.05);
    expect(share((p) => p.leerplicht.trajecten.length > 0)).toBeGreaterThan(0.05);
    expect(share((p) => p.participatie.uitkering !== null)).toBeGreaterThan(0.005);
    expect(share((p) => p.participatie.werk.length > 0)).toBeGreaterThan(0.2);
    expect(share((p) => p.participatie.trajecten.length > 0)).toBeGreaterThan(0.008);
    // Most young people work or study (calibration.ts: about 4.5% neither), so the Jongeren in Beeld list is a small share.
    expect(share((p) => p.participatie.jongerenInBeeld !== null)).toBeGreaterThan(0.003);
    expect(share((p) => p.zorg.toewijzingen.some((t) => t.wet === 'JEUGDWET'))).toBeGreaterThan(0.05);
    expect(share((p) => p.zorg.toewijzingen.some((t) => t.wet === 'WMO'))).toBeGreaterThan(0.01);
    // mbo graduates in their first year after the diploma (the nazorg group)
    expect(share((p) => p.onderwijs.diplomas.some((d) => d.onderwijssoort === 'MBO' && d.datum > '2025-11-01'))).toBeGreaterThan(0.02);
  });

  it('uses only real iJw/iWmo product category codes', () => {
    const real = new Set(loadProductcategorieen().map((c) => `${c.wet}:${c.code}:${c.omschrijving}`));
    for (const p of people) for (const t of p.zorg.toewijzingen) {
      expect(real.has(`${t.wet}:${t.productcategorie.code}:${t.productcategorie.omschrijving}`)).toBe(true);
    }
  });

  it('places no event after the peildatum', () => {
    for (const p of people) {
      const dates = [
        ...p.onderwijs.inschrijvingen.flatMap((i) => [i.begindatum, i.einddatum ?? '']),
        ...p.onderwijs.diplomas.map((d) => d.datum), ...p.onderwijs.vsv.map((v) => v.datum),
        ...p.leerplicht.verzuimmeldingen.map((v) => v.datum), ...p.leerplicht.trajecten.map((t) => t.startdatum),
        ...p.zorg.toewijzingen.flatMap((t) => [t.startZorg ?? '', t.stopZorg ?? '']),
        ...p.participatie.werk.flatMap((w) => [w.begindatum, w.einddatum ?? '']),
      ];
      expect(dates.filter((d) => d > '2026-11-01')).toEqual([]);
    }
  });

  it('gives a deceased person no record after the day of death and nothing current (RvIG test person 999991127 died at two weeks)', () => {
    const overleden = [...population.persons()].filter((p) => p.overlijdensdatum);
    expect(overleden.map((p) => p.bsn)).toContain('999991127');
    for (const p of overleden) {
      const dood = p.overlijdensdatum!;
      const dates = [
        ...p.onderwijs.inschrijvingen.flatMap((i) => [i.begindatum, i.einddatum]), ...p.onderwijs.diplomas.map((d) => d.datum),
        ...p.onderwijs.vsv.map((v) => v.datum), ...p.leerplicht.verzuimmeldingen.map((v) => v.datum), ...p.leerplicht.vsvMeldingen.map((v) => v.datum),
        ...p.leerplicht.trajecten.flatMap((t) => [t.startdatum, t.einddatum, ...t.contactmomenten.map((c) => c.datum)]),
        ...p.zorg.toewijzingen.flatMap((t) => [t.begindatum, t.einddatum, t.startZorg ?? dood, t.stopZorg]),
        ...p.participatie.werk.flatMap((w) => [w.begindatum, w.einddatum]), ...p.participatie.trajecten.flatMap((t) => [t.startdatum, t.einddatum]),
      ];
      // Every record has ended, on the day of death at the latest.
      expect([p.bsn, dates.filter((d) => d === null || d > dood)]).toEqual([p.bsn, []]);
      expect([p.bsn, p.participatie.uitkering, p.participatie.jongerenInBeeld]).toEqual([p.bsn, null, null]);
    }
    const baby = population.byBsn('999991127')!;
    expect([baby.onderwijs.inschrijvingen, baby.participatie.werk, baby.zorg.toewijzingen]).toEqual([[], [], []]);
  });

  it('gives the showcase test person data in every domain', () => {
    const p = population.byBsn(SHOWCASE_BSN)!;
    expect(p.onderwijs.inschrijvingen.length).toBeGreaterThan(0);
    expect(p.leerplicht.trajecten.length).toBeGreaterThan(0);
    expect(p.participatie.uitkering).not.toBeNull();
    expect(p.zorg.toewijzingen.length).toBeGreaterThan(0);
  });

  it('rejects a size it cannot allocate BSNs for, naming the value', () => {
    expect(() => new Population({ size: 5_000_000 })).toThrow(/received 5000000/);
  });
});
