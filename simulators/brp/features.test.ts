import { join } from 'node:path';
import { close, listen } from '../../lib/http';
import { Population, SHOWCASE_BSN } from '../../population/generator';
import { OpenApiValidator } from '../../test/support/openapi';
import { createBrpSimulator } from './server';
import { withoutKnownSpecConflicts } from './spec-conflicts';

/**
 * Cases from the feature files of the public repository BRP-API/Haal-Centraal-BRP-bevragen
 * (features/bevragen/*.feature), each named `<file>: <scenario>`. The BSNs and names of the
 * scenarios belong to RvIG's test data; here the request shapes and the specified answers are
 * checked against this simulator's population.
 */
const population = new Population({ size: 300, seed: 12, peildatum: '2026-11-01' });
const validator = new OpenApiValidator(join(__dirname, '..', '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml'));
const INSTANCE = '/haalcentraal/api/brp/personen';
let url: string;
let adresregelsAfnemer: Record<string, string[]> = {};
const sim = createBrpSimulator(population, () => new Date('2026-11-01T12:00:00Z'), { autorisaties: () => adresregelsAfnemer });
beforeAll(async () => { url = await listen(sim.server); });
afterAll(() => close(sim.server));

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${INSTANCE}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() as any };
}

/** The problem body a fout-case specifies. */
const problem = (title: string, detail: string, code: string, invalidParams: { code: string; name: string; reason: string }[]) =>
  ({ type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1', title, status: 400, detail, code, instance: INSTANCE, invalidParams });
const VALIDATION = 'Een of meerdere parameters zijn niet correct.';
const COMBINATION = 'Minimale combinatie van parameters moet worden opgegeven.';
const RAADPLEEG = { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['000000139'] };
const ZOEK = { type: 'ZoekMetGeslachtsnaamEnGeboortedatum', geslachtsnaam: 'Kierkegaard', geboortedatum: '1956-11-15' };
const MANY = 'aanduidingNaamgebruik,aanduidingNaamgebruik.code,aangaanHuwelijkPartnerschap,aanhef,aanschrijfwijze,aanschrijfwijze.aanspreekvorm,aanschrijfwijze.naam,aanspreekvorm,adresregel1,adresregel2,adresregel3,adressering,adressering.aanhef,adressering.aanschrijfwijze,adressering.adresregel1,adressering.adresregel2,adressering.adresregel3,adressering.inOnderzoek,adressering.inOnderzoek.aanhef,adressering.inOnderzoek.land,adressering.land,adressering.land.code,adressering.land.omschrijving,aNummer,burgerservicenummer,datumEersteInschrijvingGBA,datumEinde,datumEinde.datum,datumEinde.jaar,datumEinde.langFormaat,datumEinde.maand,datumEinde.onbekend,datumEinde.type,datumIngang,datumIngang.datum,datumIngang.jaar,datumIngang.langFormaat,datumIngang.maand,datumIngang.onbekend,datumIngang.type,datumVan,datumVan.datum,datumVan.jaar,datumVan.langFormaat,datumVan.maand,datumVan.type,datumVestigingInNederland,einddatum,einddatum.datum,einddatum.jaar,einddatum.langFormaat,einddatum.maand,einddatum.type,einddatumUitsluiting,einddatumUitsluiting.jaar,einddatumUitsluiting.maand,einddatumUitsluiting.type,europeesKiesrecht,geboorte,geboorte.datum,geboorte.datum.datum,geboorte.datum.jaar,geboorte.datum.langFormaat,geboorte.datum.maand,geboorte.datum.onbekend,geboorte.datum.type,geboorte.inOnderzoek,geboorte.inOnderzoek.datum,geboorte.inOnderzoek.land,geboorte.inOnderzoek.plaats,geboorte.land,geboorte.land.code,geboorte.land.omschrijving,geboorte.plaats,geboorte.plaats.code,geboorte.plaats.omschrijving,gebruikInLopendeTekst,geslacht,geslacht.code,geslacht.omschrijving,huisletter,huisnummer,huisnummertoevoeging,immigratie,inOnderzoek,inOnderzoek.aanduiding,inOnderzoek.aanhef,inOnderzoek.aanschrijfwijze,inOnderzoek.geslacht,inOnderzoek.huisletter,inOnderzoek.huisnummer,inOnderzoek.korteStraatnaam,inOnderzoek.leeftijd,inOnderzoek.nationaliteit,inOnderzoek.postcode,inOnderzoek.redenOpname,inOnderzoek.regel1,inOnderzoek.regel2,inOnderzoek.regel3,inOnderzoek.soortVerbintenis,inOnderzoek.officieleStraatnaam,inOnderzoek.volledigeNaam,inOnderzoek.woonplaats,kinderen,kinderen.burgerservicenummer,kinderen.geboorte,kinderen.geboorte.datum,kinderen.geboorte.datum.datum,kinderen.geboorte.datum.jaar,kinderen.naam,kinderen.naam.voorletters,kinderen.naam.voornamen,kinderen.naam.voorvoegsel,korteStraatnaam,leeftijd,locatiebeschrijving,naam,naam.aanduidingNaamgebruik,naam.inOnderzoek.voorvoegsel,naam.volledigeNaam,naam.voorletters,naam.voornamen,naam.voorvoegsel,ouders,ouders.geslacht,overlijden,woonplaats,rni,regel1,regel2,regel3'.split(',');
const LONG = 'bestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbestaatooknietbest';

const FOUT_CASES: [string, unknown, ReturnType<typeof problem>][] = [
  ['De fields parameter ontbreekt bij het raadplegen van personen', RAADPLEEG,
    problem(COMBINATION, 'De foutieve parameter(s) zijn: fields.', 'paramsCombination', [{ code: 'required', name: 'fields', reason: 'Parameter is verplicht.' }])],
  ['De fields parameter ontbreekt bij het zoeken van personen', ZOEK,
    problem(COMBINATION, 'De foutieve parameter(s) zijn: fields.', 'paramsCombination', [{ code: 'required', name: 'fields', reason: 'Parameter is verplicht.' }])],
  ['De fields parameter bevat een lege lijst bij het raadplegen van personen', { ...RAADPLEEG, fields: [] },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields.', 'paramsValidation', [{ code: 'minItems', name: 'fields', reason: 'Array bevat minder dan 1 items.' }])],
  ['De fields parameter bevat een lege lijst bij het zoeken van personen', { ...ZOEK, fields: [] },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields.', 'paramsValidation', [{ code: 'minItems', name: 'fields', reason: 'Array bevat minder dan 1 items.' }])],
  ['De fields parameter bevat een string met veld paden gescheiden door een komma bij het raadplegen van personen', { ...RAADPLEEG, fields: 'burgerservicenummer,geslacht' },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields.', 'paramsValidation', [{ code: 'array', name: 'fields', reason: 'Parameter is geen array.' }])],
  ['De fields parameter bevat een string met veld paden gescheiden door een komma bij het zoeken van personen', { ...ZOEK, fields: 'burgerservicenummer,geslacht' },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields.', 'paramsValidation', [{ code: 'array', name: 'fields', reason: 'Parameter is geen array.' }])],
  ['De fields parameter bevat meer dan 130 veld paden bij het raadplegen van personen', { ...RAADPLEEG, fields: MANY },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields.', 'paramsValidation', [{ code: 'maxItems', name: 'fields', reason: 'Array bevat meer dan 130 items.' }])],
  ['De fields parameter bevat meer dan 130 veld paden bij het zoeken van personen', { ...ZOEK, fields: MANY },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields.', 'paramsValidation', [{ code: 'maxItems', name: 'fields', reason: 'Array bevat meer dan 130 items.' }])],
  ...(['a*nummer', 'burger service nummer', ''] as const).map((f): [string, unknown, ReturnType<typeof problem>] => [
    `De fields parameter bevat een veld pad met ongeldige karakters bij het raadplegen van personen (${f || 'lege string'})`, { ...RAADPLEEG, fields: [f] },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields[0].', 'paramsValidation', [{ code: 'pattern', name: 'fields[0]', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' }])]),
  ['De fields parameter bevat een veld pad met meer dan 200 valide karakters bij het raadplegen van personen', { ...RAADPLEEG, fields: [LONG] },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields[0].', 'paramsValidation', [{ code: 'pattern', name: 'fields[0]', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,199}$.' }])],
  ['De fields parameter bevat het pad naar een niet bestaand veld (onjuiste case) bij het raadplegen van personen', { ...RAADPLEEG, fields: ['anummer'] },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields[0].', 'paramsValidation', [{ code: 'fields', name: 'fields[0]', reason: 'Parameter bevat een niet bestaande veldnaam.' }])],
  ['De fields parameter bevat het pad naar een niet bestaand veld bij het zoeken van personen', { ...ZOEK, fields: ['burgerservicenummer', 'aNummer'] },
    problem(VALIDATION, 'De foutieve parameter(s) zijn: fields[1].', 'paramsValidation', [{ code: 'fields', name: 'fields[1]', reason: 'Parameter bevat een niet bestaande veldnaam.' }])],
];

describe('fields-fout-cases.feature', () => {
  it.each(FOUT_CASES)('fields-fout-cases.feature: %s', async (_scenario, body, expected) => {
    const res = await post(body);
    expect([res.status, res.type]).toEqual([400, 'application/problem+json']);
    expect(res.body).toEqual(expected);
    expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 400, 'application/problem+json', res.body))).toEqual([]);
  });
});

describe('fields semantics (issue 8)', () => {
  const raadpleeg = (fields: string[], bsn = SHOWCASE_BSN) => post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [bsn], fields });
  const valid = (body: unknown) => expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 200, 'application/json; charset=utf-8', body))).toEqual([]);

  it('keeps the type marker of a polymorphic object when a sub-field is asked, and delivers a date whole (fields.feature: "opgeven geboorte.datum.datum levert het veld")', async () => {
    const p = population.byBsn(SHOWCASE_BSN)!;
    const res = await raadpleeg(['geboorte.datum.langFormaat', 'verblijfplaats.verblijfadres.postcode', 'nationaliteiten.nationaliteit']);
    expect(res.body.personen[0]).toEqual({
      geboorte: { datum: { type: 'Datum', datum: p.geboortedatum, langFormaat: expect.any(String) } },
      verblijfplaats: { type: 'Adres', verblijfadres: { postcode: p.adres.postcode.replace(' ', '') } },
      nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: p.nationaliteit }],
    });
    valid(res.body);
  });

  it('delivers a table value whole: geslacht.code comes with its omschrijving', async () => {
    const res = await raadpleeg(['geslacht.code']);
    expect(res.body.personen[0].geslacht).toEqual({ code: expect.stringMatching(/^[MV]$/), omschrijving: expect.stringMatching(/^(man|vrouw)$/) });
  });

  it('gives no key for a group the person does not have (overlijden of a living person)', async () => {
    const res = await raadpleeg(['burgerservicenummer', 'overlijden.datum']);
    expect(res.body.personen[0]).toEqual({ burgerservicenummer: SHOWCASE_BSN });
  });

  it('answers the verblijfplaatsBinnenland alias as verblijfplaats', async () => {
    const res = await raadpleeg(['verblijfplaatsBinnenland.verblijfadres.woonplaats']);
    expect(res.status).toBe(200);
    expect(res.body.personen[0].verblijfplaats.verblijfadres.woonplaats).toEqual(expect.any(String));
  });

  it('refuses an unknown sub-path (naam.bestaatNiet) and an unknown parameter', async () => {
    expect((await raadpleeg(['naam.bestaatNiet'])).body.invalidParams).toEqual([{ code: 'fields', name: 'fields[0]', reason: 'Parameter bevat een niet bestaande veldnaam.' }]);
    const extra = await post({ ...RAADPLEEG, fields: ['naam'], schoenmaat: 43 });
    expect([extra.status, extra.body.invalidParams]).toEqual([400, [{ code: 'unknownParam', name: 'schoenmaat', reason: 'Parameter is niet verwacht.' }]]);
  });

  it('filters on gemeenteVanInschrijving', async () => {
    const p = population.byBsn(SHOWCASE_BSN)!;
    const here = await post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [SHOWCASE_BSN], gemeenteVanInschrijving: p.gemeenteCode.slice(2), fields: ['burgerservicenummer'] });
    const elsewhere = await post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [SHOWCASE_BSN], gemeenteVanInschrijving: '9999', fields: ['burgerservicenummer'] });
    expect([here.body.personen.length, elsewhere.body.personen.length]).toEqual([1, 0]);
  });

  it('finds people with ZoekMetGeslachtsnaamEnGeboortedatum (case-insensitive surname, exact date)', async () => {
    const p = population.person(5);
    const res = await post({ type: 'ZoekMetGeslachtsnaamEnGeboortedatum', geslachtsnaam: p.geslachtsnaam.toUpperCase(), geboortedatum: p.geboortedatum, fields: ['burgerservicenummer', 'naam.voornamen'] });
    expect(res.status).toBe(200);
    expect(res.body.personen).toContainEqual({ burgerservicenummer: p.bsn, naam: { voornamen: p.voornamen } });
    valid(res.body);
  });

  it('autorisatie/personen/persoon/adressering/adres-regels/autorisatie.feature: Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is (adressering.adresregel1 + adresregel2, for a synthetic person too)', async () => {
    adresregelsAfnemer = { '000008': ['10120', 'PAVP03', 'PAVP04'] };
    const p = population.person(3);
    const res = await post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [p.bsn], fields: ['adressering.adresregel1', 'adresseringBinnenland.adresregel2'] },
      { 'x-origin-oin': '000008' });
    expect(res.body.personen[0].adressering).toEqual({
      adresregel1: `${p.adres.straat.slice(0, 24)} ${p.adres.huisnummer}`,
      adresregel2: `${p.adres.postcode}  ${p.adres.woonplaats!.toUpperCase()}`,
    });
    valid(res.body);
  });

  it('gives a synthetic person two parents (the father\'s surname is the person\'s), for an afnemer authorised for categories 02 and 03', async () => {
    adresregelsAfnemer = { '000009': ['10120', '20210', '30210', '20240', '30240', '20230', '30230', '20310', '30310'] };
    const p = population.person(4);
    const res = await post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [p.bsn], fields: ['ouders.naam.geslachtsnaam', 'ouders.geboorte.datum'] },
      { 'x-origin-oin': '000009' });
    const ouders = res.body.personen[0].ouders;
    expect(ouders).toHaveLength(2);
    expect(ouders[1].naam.geslachtsnaam).toBe(p.geslachtsnaam);
    for (const o of ouders) expect(o.geboorte.datum.datum < p.geboortedatum).toBe(true);
    valid(res.body);
    const zonder = await post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [p.bsn], fields: ['ouders.naam.geslachtsnaam'] });
    expect(zonder.status).toBe(403); // this layer is not authorised for parents
  });

  it('answers 406 for an Accept it cannot serve and 415 for a body that is not JSON', async () => {
    const notAcceptable = await post({ ...RAADPLEEG, fields: ['naam'] }, { accept: 'application/xml' });
    expect([notAcceptable.status, notAcceptable.body.status]).toEqual([406, 406]);
    const unsupported = await post(JSON.stringify({ ...RAADPLEEG, fields: ['naam'] }), { 'content-type': 'text/plain' });
    expect([unsupported.status, unsupported.body.status]).toEqual([415, 415]);
  });
});
