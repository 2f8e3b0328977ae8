import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gezagVan, relatieVoorMinderjarige } from './gezag';

/** The values of Tabel 61 (indicatie gezag minderjarige), from the reference copy. */
const TABEL_61 = readFileSync(join(__dirname, '..', '..', 'population', 'reference', 'brp-tabellen', 'gezagsverhoudingen.csv'), 'utf8')
  .trim().split('\n').slice(1).map((r) => r.split(';')[0]);
const ouders = [
  { ouderAanduiding: '1', burgerservicenummer: '999990001', naam: { voornamen: 'An', geslachtsnaam: 'Bos' } },
  { ouderAanduiding: '2', burgerservicenummer: '999990002', naam: { voornamen: 'Bert', voorvoegsel: 'de', geslachtsnaam: 'Wit' } },
];
const kind = (indicatieGezag?: string) => ({ burgerservicenummer: '999990003', naam: { voornamen: 'Cas', geslachtsnaam: 'Bos' }, leeftijd: 12, ouders, indicatieGezag });

describe('gezag of a minor', () => {
  it.each([
    ['12', 'GezamenlijkOuderlijkGezag'], ['1', 'EenhoofdigOuderlijkGezag'], ['2', 'EenhoofdigOuderlijkGezag'],
    ['1D', 'GezamenlijkGezag'], ['2D', 'GezamenlijkGezag'], ['D', 'Voogdij'],
  ])('11.32.10 = %s gives %s', (code, type) => {
    expect(relatieVoorMinderjarige(kind(code)).type).toBe(type);
  });

  it('covers every value of Tabel 61 with a determinable gezag, and none outside it', () => {
    for (const code of TABEL_61) expect([code, relatieVoorMinderjarige(kind(code)).type]).not.toEqual([code, 'GezagNietTeBepalen']);
    for (const code of ['C', '1C', '3D', 'X']) expect(relatieVoorMinderjarige(kind(code))).toMatchObject({ type: 'GezagNietTeBepalen', toelichting: expect.stringMatching(/^[a-zA-Z0-9À-ž /;:.\-?()]{1,400}$/) });
  });

  it('names the parent who holds authority, with the full name the schema requires', () => {
    expect(relatieVoorMinderjarige(kind('2'))).toEqual({ type: 'EenhoofdigOuderlijkGezag', minderjarige: { burgerservicenummer: '999990003', naam: { volledigeNaam: 'Cas Bos' }, leeftijd: 12 }, ouder: { burgerservicenummer: '999990002', naam: { volledigeNaam: 'Bert de Wit' } } });
  });

  it('presumes both legal parents without a court decision, the one parent when there is one, and none without parents', () => {
    expect(relatieVoorMinderjarige(kind()).type).toBe('GezamenlijkOuderlijkGezag');
    expect(relatieVoorMinderjarige({ ...kind(), ouders: [ouders[1]] })).toMatchObject({ type: 'EenhoofdigOuderlijkGezag', ouder: { burgerservicenummer: '999990002' } });
    expect(relatieVoorMinderjarige({ ...kind(), ouders: [] }).type).toBe('GezagNietTeBepalen');
  });
});

describe('gezag of an adult', () => {
  const ouder = { burgerservicenummer: '999990002', leeftijd: 40, kinderen: [{ burgerservicenummer: '999990003' }] };
  it('lists the relations over minor children in which the adult holds authority, and nothing else', () => {
    expect(gezagVan(ouder, () => kind('2'))).toHaveLength(1);
    expect(gezagVan(ouder, () => kind('1'))).toBeUndefined(); // ouder 1 alone
    expect(gezagVan(ouder, () => ({ ...kind('2'), leeftijd: 18 }))).toBeUndefined(); // the child is of age
    expect(gezagVan(ouder, () => kind('3D'))).toBeUndefined(); // not determinable: not delivered (heeft-gezag-over-gba.feature)
    expect(gezagVan({ ...ouder, overlijden: {} }, () => kind('2'))).toBeUndefined();
  });
});
