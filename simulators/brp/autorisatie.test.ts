import { join } from 'node:path';
import { close, listen } from '../../lib/http/http';
import { BRP_AFNEMER_OIN, BRP_FIELDS } from '../../adapters/brp/haal-centraal/mapping';
import { Population, SHOWCASE_BSN } from '../../population/generator';
import { OpenApiValidator } from '../../test/support/openapi';
import { createBrpSimulator } from './server';
import { withoutKnownSpecConflicts } from './spec-conflicts';

/**
 * Authorisation cases from the feature files of BRP-API/Haal-Centraal-BRP-bevragen
 * (features/autorisatie/personen/…), each named `<file>: <scenario> (<example>)`. The afnemer
 * '000008' gets exactly the "ad hoc rubrieken" of the example; the feature's person 000000024 is
 * played by this population's showcase person.
 */
const population = new Population({ size: 300, seed: 12, peildatum: '2026-11-01' });
const validator = new OpenApiValidator(join(__dirname, '..', '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml'));
const INSTANCE = '/haalcentraal/api/brp/personen';
let url: string;
let autorisaties: Record<string, string[]> = {};
const sim = createBrpSimulator(population, () => new Date('2026-11-01T12:00:00Z'), { autorisaties: () => autorisaties });
beforeAll(async () => { url = await listen(sim.server); });
afterAll(() => close(sim.server));

async function alsAfnemer(rubrieken: string, body: Record<string, unknown>, afnemer = '000008') {
  autorisaties = { [afnemer]: rubrieken.split(' ') };
  const res = await fetch(`${url}${INSTANCE}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-origin-oin': afnemer }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() as any };
}
const raadpleeg = (fields: string[], extra: Record<string, unknown> = {}) => ({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [SHOWCASE_BSN], fields, ...extra });
const FIELD_403 = { type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.3', title: 'U bent niet geautoriseerd voor één of meerdere opgegeven field waarden.', status: 403, code: 'unauthorizedField', instance: INSTANCE };
const param403 = (p: string) => ({ type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.3', title: 'U bent niet geautoriseerd voor de gebruikte parameter(s).', status: 403,
  detail: `U bent niet geautoriseerd voor het gebruik van parameter(s): ${p}.`, code: 'unauthorizedParameter', instance: INSTANCE });
const gemeente = () => population.byBsn(SHOWCASE_BSN)!.gemeenteCode.slice(2);

const ALLOWED: [string, string, string[]][] = [
  ['raadpleeg-met-burgerservicenummer/autorisatie.feature: Afnemer raadpleegt met alleen de verplichte parameter en heeft uitsluitend de autorisatie die nodig is om deze vraag te mogen stellen', '10120', ['burgerservicenummer']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (naam.voornamen)', '10120 10210', ['naam.voornamen']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (naam.adellijkeTitelPredicaat.code)', '10120 10220', ['naam.adellijkeTitelPredicaat.code']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (naam.voorletters)', '10120 PANM01', ['naam.voorletters']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (naam.voorvoegsel)', '10120 10230', ['naam.voorvoegsel']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (naam.aanduidingNaamgebruik)', '10120 16110', ['naam.aanduidingNaamgebruik']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (naam)', '10120 10210 10220 10230 10240 16110 PANM01 PANM02', ['naam']],
  ['persoon/geboorte/autorisatie.feature: Afnemer vraagt <fields>, en heeft uitsluitend de autorisatie die nodig is (geboorte.datum.langFormaat)', '10120 10310', ['geboorte.datum.langFormaat']],
  ['persoon/geboorte/autorisatie.feature: Afnemer vraagt <fields>, en heeft uitsluitend de autorisatie die nodig is (geboorte)', '10120 10310 10320 10330', ['geboorte']],
  ['persoon/gemeente/autorisatie.feature: Afnemer vraagt <fields>, en heeft uitsluitend de autorisatie die nodig is (gemeenteVanInschrijving.omschrijving)', '10120 080910 80910', ['gemeenteVanInschrijving.omschrijving']],
  ['persoon/nationaliteit/autorisatie.feature: Afnemer vraagt <gevraagd veld>, en heeft uitsluitend de autorisatie die nodig is (nationaliteiten)', '10120 40510 46310 48510', ['burgerservicenummer', 'nationaliteiten']],
  ['persoon/nationaliteit/autorisatie.feature: Afnemer vraagt type, en heeft uitsluitend de autorisatie die nodig is om deze vraag te mogen stellen', '10120 40510', ['burgerservicenummer', 'nationaliteiten.type']],
];

const REFUSED_FIELDS: [string, string, string[]][] = [
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en is niet geautoriseerd voor <missende autorisatie> (naam.voornamen, 10210)', '10120 10220 10230 10240 16110 PANM01 PANM02', ['naam.voornamen']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en is niet geautoriseerd voor <missende autorisatie> (naam.volledigeNaam, PANM02)', '10120 10210 10220 10230 10240 16110 PANM01', ['naam.volledigeNaam']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en is niet geautoriseerd voor <missende autorisatie> (naam.adellijkeTitelPredicaat.omschrijving, 10220)', '10120 10210 10230 10240 16110 PANM01 PANM02', ['naam.adellijkeTitelPredicaat.omschrijving']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om hele groep naam en is niet geautoriseerd voor <missende autorisatie> (16110)', '10120 10210 10220 10230 10240 10410 PANM01 PANM02', ['naam']],
  ['persoon/geboorte/autorisatie.feature: Afnemer vraagt om veld <fields> waarvoor deze niet geautoriseerd is (geboorte, 10310)', '10120 10210 10320 10330 20310 20320 20330 30310 30320 30330 50310 50320 50330', ['geboorte']],
  ['persoon/naam/autorisatie.feature: Afnemer vraagt om <fields> en is niet geautoriseerd voor <missende autorisatie> (naam.geslachtsnaam, 10240)', '10120 10210 10220 10230 16110 PANM01 PANM02', ['naam.geslachtsnaam']],
  ['persoon/geboorte/autorisatie.feature: Afnemer vraagt om veld <fields> waarvoor deze niet geautoriseerd is (geboorte.land.omschrijving, 10330)', '10120 10210 10310 10320 20310 20320 20330 30310 30320 30330 50310 50320 50330', ['geboorte.land.omschrijving']],
  ['persoon/geboorte/autorisatie.feature: Afnemer vraagt om veld <fields> waarvoor deze niet geautoriseerd is (geboorte.plaats.code, 10320)', '10120 10210 10310 10330 20310 20320 20330 30310 30320 30330 50310 50320 50330', ['geboorte.plaats.code']],
  ['persoon/gemeente/autorisatie.feature: Afnemer vraagt om veld <fields> waarvoor deze niet geautoriseerd is (datumInschrijvingInGemeente.jaar, 080920)', '10120 080910 80910 81030 81110 81115 81120 81130 81140 81150 81160 81170 81210 81310', ['datumInschrijvingInGemeente.jaar']],
  ['persoon/nationaliteit/autorisatie.feature: Afnemer vraagt <gevraagd veld> (<missende autorisatie>), waarvoor deze niet geautoriseerd is (nationaliteiten.redenOpname.code, 46310)', '10120 40510 46510 48510', ['burgerservicenummer', 'nationaliteiten.redenOpname.code']],
  ['persoon/nationaliteit/autorisatie.feature: Afnemer vraagt <gevraagd veld> (<missende autorisatie>), waarvoor deze niet geautoriseerd is (nationaliteiten, 48510)', '10120 40510 46310 46510', ['burgerservicenummer', 'nationaliteiten']],
  ['persoon/nationaliteit/autorisatie.feature: Afnemer vraagt type, maar is niet geautoriseerd voor nationaliteit (40510)', '10120 46310 48510', ['burgerservicenummer', 'nationaliteiten.type']],
];

describe('autorisatie features (issue 8)', () => {
  it.each(ALLOWED)('%s', async (_name, rubrieken, fields) => {
    const res = await alsAfnemer(rubrieken, raadpleeg(fields));
    expect([res.status, res.body.personen?.length]).toEqual([200, 1]);
    expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 200, 'application/json; charset=utf-8', res.body))).toEqual([]);
  });

  it.each(REFUSED_FIELDS)('%s', async (_name, rubrieken, fields) => {
    const res = await alsAfnemer(rubrieken, raadpleeg(fields));
    expect([res.status, res.body]).toEqual([403, FIELD_403]);
    expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 403, 'application/problem+json', res.body))).toEqual([]);
  });

  it('raadpleeg-met-burgerservicenummer/autorisatie.feature: Raadplegen met parameter <parameter niet toegestaan> waarvoor de afnemer niet geautoriseerd is (burgerservicenummer, 10120)', async () => {
    const res = await alsAfnemer('10210 80910', raadpleeg(['naam.voornamen'], { gemeenteVanInschrijving: gemeente() }));
    expect([res.status, res.body]).toEqual([403, param403('burgerservicenummer')]);
  });

  it('raadpleeg-met-burgerservicenummer/autorisatie.feature: Raadplegen met parameter <parameter niet toegestaan> waarvoor de afnemer niet geautoriseerd is (gemeenteVanInschrijving, 80910)', async () => {
    const res = await alsAfnemer('10120 10210', raadpleeg(['naam.voornamen'], { gemeenteVanInschrijving: gemeente() }));
    expect([res.status, res.body]).toEqual([403, param403('gemeenteVanInschrijving')]);
  });

  it('raadpleeg-met-burgerservicenummer/autorisatie.feature: Afnemer zoekt met de verplichte parameter en optionele parameter en heeft uitsluitend de autorisatie die nodig is om deze vraag te mogen stellen', async () => {
    const res = await alsAfnemer('10120 80910', raadpleeg(['burgerservicenummer'], { gemeenteVanInschrijving: gemeente() }));
    expect([res.status, res.body.personen]).toEqual([200, [{ burgerservicenummer: SHOWCASE_BSN }]]);
  });
});

describe('this layer as an afnemer', () => {
  it('asks only for fields it is authorised for: the adapter\'s fields are answered, with its own OIN', async () => {
    autorisaties = {};
    const res = await fetch(`${url}${INSTANCE}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-origin-oin': BRP_AFNEMER_OIN },
      body: JSON.stringify(raadpleeg(BRP_FIELDS)) });
    expect(res.status).toBe(200);
  });

  it('is refused what it was not granted: parents, partners, children, the postal form (403 unauthorizedField)', async () => {
    autorisaties = {};
    for (const fields of [['ouders'], ['partners.naam'], ['kinderen'], ['adressering.adresregel1'], ['naam.aanduidingNaamgebruik']]) {
      const res = await fetch(`${url}${INSTANCE}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-origin-oin': BRP_AFNEMER_OIN },
        body: JSON.stringify(raadpleeg(fields)) });
      expect([fields, res.status]).toEqual([fields, 403]);
    }
  });
});

describe('zoek-met-postcode-en-huisnummer (issue 8)', () => {
  const zoek = async (extra: Record<string, unknown>) => {
    const res = await fetch(`${url}${INSTANCE}`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ZoekMetPostcodeEnHuisnummer', fields: ['burgerservicenummer'], ...extra }) });
    return { status: res.status, body: await res.json() as any };
  };

  it('finds everyone at a postcode and house number, with or without the space in the postcode', async () => {
    const p = population.person(7);
    const truth = [...population.persons()].filter((x) => x.adres.postcode === p.adres.postcode && x.adres.huisnummer === p.adres.huisnummer).map((x) => x.bsn).sort();
    for (const postcode of [p.adres.postcode, p.adres.postcode.replace(' ', '').toLowerCase()]) {
      const res = await zoek({ postcode, huisnummer: p.adres.huisnummer });
      expect(res.status).toBe(200);
      expect(res.body.personen.map((x: any) => x.burgerservicenummer).sort()).toEqual(truth);
    }
  });

  it('refuses a missing house number and a malformed postcode with 400 and invalidParams', async () => {
    const res = await zoek({ postcode: '0123AB' });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams.map((i: any) => [i.code, i.name]).sort()).toEqual([['pattern', 'postcode'], ['required', 'huisnummer']]);
  });
});
