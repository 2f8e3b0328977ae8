import { formatPostcode, mapPersoon, volledigeDatum } from './mapping';

describe('BRP mapping', () => {
  it('maps a Haal Centraal person to the domain', () => {
    const p = mapPersoon({
      burgerservicenummer: '999993653',
      naam: { voornamen: 'Lieke Sanne', voorvoegsel: 'de', geslachtsnaam: 'Groot', volledigeNaam: 'Lieke Sanne de Groot' },
      geslacht: { code: 'V', omschrijving: 'vrouw' },
      geboorte: { datum: { type: 'Datum', datum: '2006-09-11', langFormaat: '11 september 2006' } },
      nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0052', omschrijving: 'Belgische' } }],
      gemeenteVanInschrijving: { code: '0518', omschrijving: 'Almere' },
      verblijfplaats: { type: 'Adres', verblijfadres: { officieleStraatnaam: 'Julianastraat', huisnummer: 169, postcode: '1349LP', woonplaats: 'Almere' } },
    } as never);
    expect(p).toEqual({
      bsn: '999993653', voornamen: 'Lieke Sanne', voorvoegsel: 'de', geslachtsnaam: 'Groot', volledigeNaam: 'Lieke Sanne de Groot',
      geslacht: 'V', geboortedatum: '2006-09-11', overlijdensdatum: null, nationaliteiten: ['Belgische'], gemeenteCode: 'GM0518',
      adres: { straat: 'Julianastraat', huisnummer: 169, huisletter: null, toevoeging: null, postcode: '1349 LP', woonplaats: 'Almere' },
    });
  });

  it('reads partly unknown dates as unknown', () => {
    expect(volledigeDatum({ type: 'JaarDatum', jaar: 2005, langFormaat: '2005' } as never)).toBeNull();
    expect(volledigeDatum({ type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' } as never)).toBeNull();
    expect(volledigeDatum(undefined)).toBeNull();
  });

  it('gives no address for a stay abroad or an unknown residence', () => {
    const abroad = mapPersoon({ burgerservicenummer: '999993483', verblijfplaats: { type: 'VerblijfplaatsBuitenland', verblijfadres: { regel1: 'Rue 1' } } } as never);
    expect(abroad.adres).toBeNull();
    expect(abroad.gemeenteCode).toBeNull();
  });

  it('writes postcodes the way people do', () => {
    expect(formatPostcode('1349lp')).toBe('1349 LP');
    expect(formatPostcode('1349 LP')).toBe('1349 LP');
    expect(formatPostcode(undefined)).toBeNull();
  });
});
