import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutTestDataConflicts } from '../simulators/brp/spec-conflicts';
import { OpenApiValidator } from '../test/support/openapi';
import { convertTestset, lo3Datum, parsePersoonslijsten } from './lo3';
import { TESTSET_CSV, loadCodeTabellen, loadTestset } from './testset';

/**
 * The LO3 conversion of RvIG's test set. Expectations are read from the test set's rows by hand
 * (element numbers named) and from the facts the reference README states, not from the converter.
 */
const csv = readFileSync(TESTSET_CSV, 'utf8');
const converted = convertTestset(csv, loadCodeTabellen());
const byBsn = new Map(converted.map((p) => [p.burgerservicenummer as string, p as any]));

describe('LO3 test set conversion', () => {
  it('the committed brp-testset.json is exactly what the conversion produces (no drift, no hand edits)', () => {
    expect(loadTestset()).toEqual(JSON.parse(JSON.stringify(converted)));
  });

  it('converts every persoonslijst with a BSN once: 680 distinct BSNs', () => {
    expect(converted).toHaveLength(680);
    expect(new Set(converted.map((p) => p.burgerservicenummer)).size).toBe(680);
  });

  it('999993653 is Suzanne Moulin, born 1 December 1985, French, registered in Rotterdam at her current address', () => {
    const p = byBsn.get('999993653');
    expect(p.naam).toMatchObject({ voornamen: 'Suzanne', geslachtsnaam: 'Moulin', voorletters: 'S.' });
    expect(p.geboorte.datum).toEqual({ type: 'Datum', datum: '1985-12-01', langFormaat: '1 december 1985' });
    expect(p.nationaliteiten).toEqual([expect.objectContaining({ type: 'Nationaliteit', nationaliteit: { code: '0057', omschrijving: 'Franse' } })]);
    expect(p.gemeenteVanInschrijving).toEqual({ code: '0599', omschrijving: 'Rotterdam' });
    // 08.11.10 of the first entry (marked 58: the next entry, Vredesplein 7, is its history)
    expect(p.verblijfplaats.verblijfadres).toMatchObject({ korteStraatnaam: 'Boterdiep', huisnummer: 31, postcode: '3077AW' });
    expect(p.ouders.map((o: any) => [o.ouderAanduiding, o.naam.geslachtsnaam])).toEqual([['1', 'Béamont'], ['2', 'Moulin']]);
    expect(p.partners).toEqual([expect.objectContaining({ soortVerbintenis: { code: 'H', omschrijving: 'huwelijk' }, naam: expect.objectContaining({ geslachtsnaam: 'Beaudelaire' }) })]);
  });

  it('keeps every child once: a new occurrence follows a 09 marker, history follows a 59 marker (999990639)', () => {
    expect(byBsn.get('999990639').kinderen.map((k: any) => k.naam.voornamen)).toEqual(['Caroline Ilse', 'Karin Monique', 'Sasja', 'Carsten Antonius']);
  });

  it('a partly unknown birth date becomes a JaarDatum (999992806, 01.03.10 = 19680000)', () => {
    expect(byBsn.get('999992806').geboorte.datum).toEqual({ type: 'JaarDatum', jaar: 1968, langFormaat: '1968' });
  });

  it('reads LO3 dates into the four date types', () => {
    expect(lo3Datum('20070113')).toEqual({ type: 'Datum', datum: '2007-01-13', langFormaat: '13 januari 2007' });
    expect(lo3Datum('19680300')).toEqual({ type: 'JaarMaandDatum', jaar: 1968, maand: 3, langFormaat: 'maart 1968' });
    expect(lo3Datum('00000000')).toEqual({ type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' });
    expect(lo3Datum('')).toBeUndefined();
  });

  it('marks the deceased, the emigrated and secrecy as the API does', () => {
    const overleden = converted.filter((p: any) => p.overlijden);
    expect(overleden.length).toBeGreaterThan(0);
    expect(converted.some((p: any) => p.opschortingBijhouding?.reden?.code === 'E')).toBe(true);
    expect(converted.every((p: any) => p.geheimhoudingPersoonsgegevens === undefined || p.geheimhoudingPersoonsgegevens === true)).toBe(true);
  });

  it('every converted person is a valid Persoon of the RvIG spec', () => {
    const validator = new OpenApiValidator(join(__dirname, '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml'));
    const errors = validator.errors('/personen', 'post', 200, 'application/json; charset=utf-8', { type: 'RaadpleegMetBurgerservicenummer', personen: converted });
    expect(withoutTestDataConflicts(errors)).toEqual([]);
  });

  it('groups rows into persoonslijsten at the identifier column', () => {
    expect(parsePersoonslijsten(csv)).toHaveLength(687);
  });
});
