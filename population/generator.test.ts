import { isValidBsn } from '../lib/bsn';
import { ageOn, parseIsoDate } from '../lib/dates';
import { loadProductcategorieen, loadTestpersonen } from './catalog';
import { heeftStartkwalificatie, Population, SHOWCASE_BSN } from './generator';

const population = new Population({ size: 3000, seed: 7, peildatum: '2026-11-01' });
const people = [...population.persons()];

describe('synthetic population', () => {
  it('is deterministic: same seed, same people; other seed, other people', () => {
    const again = new Population({ size: 3000, seed: 7, peildatum: '2026-11-01' });
    expect(again.person(1234)).toEqual(population.person(1234));
    expect(new Population({ size: 3000, seed: 8, peildatum: '2026-11-01' }).person(1234)).not.toEqual(population.person(1234));
  });

  it('holds the requested number of people plus every BRP test person, all with valid BSNs', () => {
    expect(people).toHaveLength(3000 + loadTestpersonen().length);
    expect(people.every((p) => isValidBsn(p.bsn))).toBe(true);
    expect(new Set(people.map((p) => p.bsn)).size).toBe(people.length);
    for (const t of loadTestpersonen()) expect(population.byBsn(t.bsn)?.testpersoon).toBe(t.situatie);
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
    expect(share((p) => p.onderwijs.vsv.length > 0)).toBeGreaterThan(0.05);
    expect(share((p) => p.leerplicht.verzuimmeldingen.length > 0)).toBeGreaterThan(0.05);
    expect(share((p) => p.leerplicht.trajecten.length > 0)).toBeGreaterThan(0.05);
    expect(share((p) => p.participatie.uitkering !== null)).toBeGreaterThan(0.03);
    expect(share((p) => p.participatie.trajecten.length > 0)).toBeGreaterThan(0.02);
    expect(share((p) => p.participatie.jongerenInBeeld !== null)).toBeGreaterThan(0.01);
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
      ];
      expect(dates.filter((d) => d > '2026-11-01')).toEqual([]);
    }
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
