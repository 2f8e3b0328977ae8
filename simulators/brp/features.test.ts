import { join } from 'node:path';
import { close, listen } from '../../lib/http/http';
import { Population, SHOWCASE_BSN } from '../../population/generator';
import { OpenApiValidator } from '../../test/support/openapi';
import { gezinVan, herkomstVan } from '../../population/verblijf';
import { createBrpSimulator } from './server';
import { withoutKnownSpecConflicts } from './spec-conflicts';

/**
 * The `fields` semantics of the feature files of BRP-API/Haal-Centraal-BRP-bevragen on synthetic
 * people (the fault cases and the cases on RvIG's test persons are in feature-cases.ts, run by
 * feature-cases.test.ts and `npm run brp:features`).
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

const RAADPLEEG = { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['000000139'] };

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

  it('serves synthetic people gezag (minors only), immigratie, verblijfstitel, partners and kinderen as their ground truth says, valid against the spec', async () => {
    adresregelsAfnemer = { '000010': ['*'] };
    const fields = ['burgerservicenummer', 'leeftijd', 'gezag', 'immigratie', 'verblijfstitel', 'partners', 'kinderen', 'geboorte.land'];
    const synthetisch = [...population.persons()].filter((p) => !p.brp && !p.overlijdensdatum);
    const tellingen = { minderjarig: 0, buitenland: 0, titel: 0, partner: 0, kind: 0 };
    for (let i = 0; i < synthetisch.length; i += 20) {
      const groep = synthetisch.slice(i, i + 20);
      const res = await post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: groep.map((p) => p.bsn), fields }, { 'x-origin-oin': '000010' });
      expect(res.status).toBe(200);
      valid(res.body);
      for (const p of groep) {
        const b = res.body.personen.find((x: { burgerservicenummer: string }) => x.burgerservicenummer === p.bsn);
        const herkomst = herkomstVan(p, population.peildatum);
        const gezin = gezinVan(p, population.peildatum);
        if (b.leeftijd < 18) {
          tellingen.minderjarig++;
          expect(b.gezag).toHaveLength(1);
          expect(b.gezag[0]).toMatchObject({ type: gezin.eenhoofdigGezag ? 'EenhoofdigOuderlijkGezag' : 'GezamenlijkOuderlijkGezag', minderjarige: { burgerservicenummer: p.bsn } });
        } else {
          expect(b.gezag).toBeUndefined();
        }
        expect(b.geboorte.land).toEqual(herkomst.geboorteland);
        expect(b.immigratie?.landVanwaarIngeschreven).toEqual(herkomst.immigratie?.landVanwaarIngeschreven);
        expect(b.immigratie?.datumVestigingInNederland?.datum).toBe(herkomst.immigratie?.datumVestigingInNederland);
        // The simulator's day is 2026-11-01: a title is served when it has begun and not ended by then.
        const t = herkomst.verblijfstitel;
        const geldig = t && t.datumIngang <= '2026-11-01' && (!t.datumEinde || t.datumEinde > '2026-11-01');
        expect(b.verblijfstitel?.aanduiding).toEqual(geldig ? { code: t!.code, omschrijving: t!.omschrijving } : undefined);
        expect(b.partners?.[0]?.naam?.geslachtsnaam).toBe(gezin.partner?.geslachtsnaam);
        expect((b.kinderen ?? []).map((k: any) => k.geboorte.datum.datum)).toEqual(gezin.kinderen.map((k) => k.geboortedatum));
        if (herkomst.immigratie) tellingen.buitenland++;
        if (geldig) tellingen.titel++;
        if (gezin.partner) tellingen.partner++;
        if (gezin.kinderen.length) tellingen.kind++;
      }
    }
    // The population of 300 has every kind of person this test checks.
    for (const [soort, n] of Object.entries(tellingen)) expect([soort, n > 0]).toEqual([soort, true]);
  });

  it('answers 406 for an Accept it cannot serve and 415 for a body that is not JSON', async () => {
    const notAcceptable = await post({ ...RAADPLEEG, fields: ['naam'] }, { accept: 'application/xml' });
    expect([notAcceptable.status, notAcceptable.body.status]).toEqual([406, 406]);
    const unsupported = await post(JSON.stringify({ ...RAADPLEEG, fields: ['naam'] }), { 'content-type': 'text/plain' });
    expect([unsupported.status, unsupported.body.status]).toEqual([415, 415]);
  });
});
