/**
 * RvIG's feature cases for the BRP API Personen, runnable against any instance from outside: each
 * case is a scenario of a feature file of BRP-API/Haal-Centraal-BRP-bevragen (`features/…`),
 * played by one of RvIG's public test persons that has what the scenario's "Gegeven" describes
 * (the feature files set up persons of their own, such as 000000024; an instance cannot be given
 * data from outside, so the test set stands in for them). Expected answers are written out here
 * from the test set's LO3 rows, not computed. Fault cases need no particular person.
 *
 * The data cases are chosen to hold for years: minors are born in 2010 or later.
 */
export interface FeatureCase {
  /** Path of the feature file under `features/` (of the historie repository for the address history). */
  feature: string;
  /** The personen endpoint (default) or the historie API's verblijfplaatshistorie. */
  endpoint?: 'personen' | 'verblijfplaatshistorie';
  scenario: string;
  /** The body POSTed to the personen endpoint. */
  request: Record<string, unknown>;
  /**
   * The whole answer body, or for a 200 the `personen` (in any order). With `deel`, each expected
   * person need only be contained in the answer (objects may have more keys; arrays have the same
   * length), as the feature files' "met de volgende gegevens" tables name only some fields.
   */
  expected: { status: number; body?: unknown; personen?: unknown[]; verblijfplaatsen?: unknown[]; deel?: boolean };
}

const PERSONEN = '/haalcentraal/api/brp/personen';
const HISTORIE = '/haalcentraal/api/brphistorie/verblijfplaatshistorie';
const raadpleeg = (bsn: string | string[], fields: string[], extra: Record<string, unknown> = {}) =>
  ({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: Array.isArray(bsn) ? bsn : [bsn], fields, ...extra });
const ok = (personen: unknown[]) => ({ status: 200, personen });
const bevat = (personen: unknown[]) => ({ status: 200, personen, deel: true });
const datum = (iso: string, langFormaat: string) => ({ type: 'Datum', datum: iso, langFormaat });

/** A problem body as the fault-case features specify them (400, RFC 7231 6.5.1). */
const probleem = (soort: 'combinatie' | 'validatie', namen: string[], invalidParams: { code: string; name: string; reason: string }[]) => ({
  status: 400,
  body: {
    type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
    title: soort === 'combinatie' ? 'Minimale combinatie van parameters moet worden opgegeven.' : 'Een of meerdere parameters zijn niet correct.',
    status: 400, detail: `De foutieve parameter(s) zijn: ${namen.join(', ')}.`, code: soort === 'combinatie' ? 'paramsCombination' : 'paramsValidation',
    instance: PERSONEN, invalidParams,
  },
});

const RAADPLEEG = { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: ['000000139'] };
const ZOEK = { type: 'ZoekMetGeslachtsnaamEnGeboortedatum', geslachtsnaam: 'Kierkegaard', geboortedatum: '1956-11-15' };
const VERPLICHT_FIELDS = [{ code: 'required', name: 'fields', reason: 'Parameter is verplicht.' }];
const MANY = Array.from({ length: 131 }, (_, i) => (i % 2 ? 'burgerservicenummer' : 'naam.voornamen'));
const LONG = 'bestaatookniet'.repeat(15).slice(0, 200);
const PATROON_BSN = 'Waarde voldoet niet aan patroon ^[0-9]{9}$.';
const PATROON_GEM = 'Waarde voldoet niet aan patroon ^[0-9]{4}$.';
const TWINTIG_PLUS = Array.from({ length: 21 }, (_, i) => (i % 2 ? '999995492' : '999991802'));

const FIELDS_FOUT = 'bevragen/fields-fout-cases.feature';
const fieldsFout: FeatureCase[] = [
  { feature: FIELDS_FOUT, scenario: 'De fields parameter ontbreekt bij het raadplegen van personen', request: RAADPLEEG, expected: probleem('combinatie', ['fields'], VERPLICHT_FIELDS) },
  { feature: FIELDS_FOUT, scenario: 'De fields parameter ontbreekt bij het zoeken van personen', request: ZOEK, expected: probleem('combinatie', ['fields'], VERPLICHT_FIELDS) },
  ...([['raadplegen', RAADPLEEG], ['zoeken', ZOEK]] as const).flatMap(([wat, basis]): FeatureCase[] => [
    { feature: FIELDS_FOUT, scenario: `De fields parameter bevat een lege lijst bij het ${wat} van personen`, request: { ...basis, fields: [] },
      expected: probleem('validatie', ['fields'], [{ code: 'minItems', name: 'fields', reason: 'Array bevat minder dan 1 items.' }]) },
    { feature: FIELDS_FOUT, scenario: `De fields parameter bevat een string met veld paden gescheiden door een komma bij het ${wat} van personen`, request: { ...basis, fields: 'burgerservicenummer,geslacht' },
      expected: probleem('validatie', ['fields'], [{ code: 'array', name: 'fields', reason: 'Parameter is geen array.' }]) },
    { feature: FIELDS_FOUT, scenario: `De fields parameter bevat meer dan 130 veld paden bij het ${wat} van personen`, request: { ...basis, fields: MANY },
      expected: probleem('validatie', ['fields'], [{ code: 'maxItems', name: 'fields', reason: 'Array bevat meer dan 130 items.' }]) },
  ]),
  ...(['a*nummer', 'burger service nummer', ''] as const).map((f): FeatureCase => ({
    feature: FIELDS_FOUT, scenario: `De fields parameter bevat een veld pad met ongeldige karakters bij het raadplegen van personen (${f || 'lege string'})`, request: { ...RAADPLEEG, fields: [f] },
    expected: probleem('validatie', ['fields[0]'], [{ code: 'pattern', name: 'fields[0]', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' }]),
  })),
  { feature: FIELDS_FOUT, scenario: 'De fields parameter bevat een veld pad met meer dan 200 valide karakters bij het raadplegen van personen', request: { ...RAADPLEEG, fields: [LONG] },
    expected: probleem('validatie', ['fields[0]'], [{ code: 'pattern', name: 'fields[0]', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,199}$.' }]) },
  { feature: FIELDS_FOUT, scenario: 'De fields parameter bevat het pad naar een niet bestaand veld (onjuiste case) bij het raadplegen van personen', request: { ...RAADPLEEG, fields: ['anummer'] },
    expected: probleem('validatie', ['fields[0]'], [{ code: 'fields', name: 'fields[0]', reason: 'Parameter bevat een niet bestaande veldnaam.' }]) },
  { feature: FIELDS_FOUT, scenario: 'De fields parameter bevat het pad naar een niet bestaand veld bij het zoeken van personen', request: { ...ZOEK, fields: ['burgerservicenummer', 'aNummer'] },
    expected: probleem('validatie', ['fields[1]'], [{ code: 'fields', name: 'fields[1]', reason: 'Parameter bevat een niet bestaande veldnaam.' }]) },
];

const RAADPLEEG_FOUT = 'bevragen/raadpleeg-met-burgerservicenummer/fout-cases.feature';
const metBsn = (params: Record<string, unknown>) => ({ type: 'RaadpleegMetBurgerservicenummer', fields: ['burgerservicenummer'], ...params });
const raadpleegFout: FeatureCase[] = [
  { feature: RAADPLEEG_FOUT, scenario: 'De burgerservicenummer parameter is niet opgegeven', request: metBsn({}),
    expected: probleem('combinatie', ['burgerservicenummer'], [{ code: 'required', name: 'burgerservicenummer', reason: 'Parameter is verplicht.' }]) },
  { feature: RAADPLEEG_FOUT, scenario: 'De burgerservicenummer parameter bevat een lege lijst', request: metBsn({ burgerservicenummer: [] }),
    expected: probleem('validatie', ['burgerservicenummer'], [{ code: 'minItems', name: 'burgerservicenummer', reason: 'Array bevat minder dan 1 items.' }]) },
  { feature: RAADPLEEG_FOUT, scenario: 'De burgerservicenummer parameter bevat een string van burgerservicenummers gescheiden door een komma', request: metBsn({ burgerservicenummer: '999994086,999994086,999994086' }),
    expected: probleem('validatie', ['burgerservicenummer'], [{ code: 'array', name: 'burgerservicenummer', reason: 'Parameter is geen array.' }]) },
  ...([['De opgegeven burgerservicenummer is een string met minder dan negen cijfers', '12345678'],
    ['De opgegeven burgerservicenummer is een string met meer dan negen cijfers', '1234567890'],
    ['De opgegeven burgerservicenummer bevat niet-cijfer karakters', '<script>123456789</script>']] as const).map(([scenario, bsn]): FeatureCase => ({
    feature: RAADPLEEG_FOUT, scenario, request: metBsn({ burgerservicenummer: [bsn] }),
    expected: probleem('validatie', ['burgerservicenummer[0]'], [{ code: 'pattern', name: 'burgerservicenummer[0]', reason: PATROON_BSN }]),
  })),
  { feature: RAADPLEEG_FOUT, scenario: 'De burgerservicenummer parameter bevat meerdere ongeldige burgerservicenummers', request: metBsn({ burgerservicenummer: ['1234567890', '123456789', '1234567890'] }),
    expected: probleem('validatie', ['burgerservicenummer[0]', 'burgerservicenummer[2]'], [{ code: 'pattern', name: 'burgerservicenummer[0]', reason: PATROON_BSN }, { code: 'pattern', name: 'burgerservicenummer[2]', reason: PATROON_BSN }]) },
  { feature: RAADPLEEG_FOUT, scenario: 'De burgerservicenummer parameter bevat meer dan 20 burgerservicenummers', request: metBsn({ burgerservicenummer: TWINTIG_PLUS }),
    expected: probleem('validatie', ['burgerservicenummer'], [{ code: 'maxItems', name: 'burgerservicenummer', reason: 'Array bevat meer dan 20 items.' }]) },
  ...([['De opgegeven gemeenteVanInschrijving waarde is minder dan 4 cijfers lang', '123'], ['De opgegeven gemeenteVanInschrijving waarde is meer dan 4 cijfers lang', '12345'],
    ['De opgegeven gemeenteVanInschrijving waarde bevat ongeldige karakters', "<script>alert('hello world');</script>"]] as const).map(([scenario, g]): FeatureCase => ({
    feature: RAADPLEEG_FOUT, scenario, request: metBsn({ burgerservicenummer: ['999999321', '999995492'], gemeenteVanInschrijving: g }),
    expected: probleem('validatie', ['gemeenteVanInschrijving'], [{ code: 'pattern', name: 'gemeenteVanInschrijving', reason: PATROON_GEM }]),
  })),
  ...([['zoeken met parameter uit ander zoektype', 'voornamen', 'Pietje'], ['typfout in naam optionele parameter', 'gemeenteVanInschijving', '0363'],
    ['zoeken met niet gespecificeerde parameter', 'bestaatNiet', 'een waarde']] as const).map(([scenario, p, w]): FeatureCase => ({
    feature: RAADPLEEG_FOUT, scenario, request: metBsn({ burgerservicenummer: ['999999321'], [p]: w }),
    expected: probleem('validatie', [p], [{ code: 'unknownParam', name: p, reason: 'Parameter is niet verwacht.' }]),
  })),
];

// Suzanne Moulin (999993653, registered in 0599 Rotterdam) plays the overzicht feature's 000000024.
const OVERZICHT = 'bevragen/raadpleeg-met-burgerservicenummer/overzicht.feature';
const overzicht: FeatureCase[] = [
  { feature: OVERZICHT, scenario: 'Raadpleeg één persoon', request: raadpleeg('999993653', ['burgerservicenummer']), expected: ok([{ burgerservicenummer: '999993653' }]) },
  { feature: OVERZICHT, scenario: 'Raadpleeg meerdere personen', request: raadpleeg(['999993653', '999990639', '999992806'], ['burgerservicenummer']),
    expected: ok([{ burgerservicenummer: '999993653' }, { burgerservicenummer: '999990639' }, { burgerservicenummer: '999992806' }]) },
  { feature: OVERZICHT, scenario: 'Raadpleeg persoon met gemeenteVanInschrijving (zelfde gemeente)', request: raadpleeg('999993653', ['burgerservicenummer'], { gemeenteVanInschrijving: '0599' }),
    expected: ok([{ burgerservicenummer: '999993653' }]) },
  { feature: OVERZICHT, scenario: 'Raadpleeg persoon met gemeenteVanInschrijving (andere gemeente: 0 personen)', request: raadpleeg('999993653', ['burgerservicenummer'], { gemeenteVanInschrijving: '0518' }),
    expected: ok([]) },
];

const TITEL_25 = { code: '25', omschrijving: 'Vw 2000 art. 8, sub b, verg. reg. onbep. tijd of langdurig ingez., arbeid vrij' };
const VERBLIJFSTITEL = 'bevragen/persoon/verblijfstitel/verblijfstitel.feature';
const verblijfstitel: FeatureCase[] = [
  { feature: VERBLIJFSTITEL, scenario: 'persoon heeft geen verblijfstitel (999993653: French, no categorie 10)', request: raadpleeg('999993653', ['verblijfstitel.aanduiding']), expected: ok([{}]) },
  { feature: VERBLIJFSTITEL, scenario: 'verblijfstitel heeft geen datum einde (999998353: 25, ingang 2015-10-10)', request: raadpleeg('999998353', ['verblijfstitel.aanduiding']),
    expected: ok([{ verblijfstitel: { aanduiding: TITEL_25 } }]) },
  { feature: VERBLIJFSTITEL, scenario: 'verblijfstitel heeft datum einde in het verleden (999993410: 21, einde 2013-06-30)', request: raadpleeg('999993410', ['burgerservicenummer', 'verblijfstitel.aanduiding.code']),
    expected: ok([{ burgerservicenummer: '999993410' }]) },
  { feature: VERBLIJFSTITEL, scenario: 'vervallen verblijfstitel (999992764: aanduiding 98)', request: raadpleeg('999992764', ['burgerservicenummer', 'verblijfstitel.aanduiding']),
    expected: ok([{ burgerservicenummer: '999992764' }]) },
  { feature: 'bevragen/persoon/verblijfstitel/fields.feature', scenario: 'verblijfstitel gevraagd als hele groep (999998353)', request: raadpleeg('999998353', ['verblijfstitel']),
    expected: ok([{ verblijfstitel: { aanduiding: TITEL_25, datumIngang: datum('2015-10-10', '10 oktober 2015') } }]) },
];

const IMMIGRATIE = 'bevragen/persoon/immigratie';
const immigratie: FeatureCase[] = [
  { feature: `${IMMIGRATIE}/fields.feature`, scenario: "'land vanwaar ingeschreven (14.10)' wordt gevraagd met field pad 'immigratie.landVanwaarIngeschreven' (999993653: 5002)",
    request: raadpleeg('999993653', ['immigratie.landVanwaarIngeschreven']), expected: ok([{ immigratie: { landVanwaarIngeschreven: { code: '5002', omschrijving: 'Frankrijk' } } }]) },
  { feature: `${IMMIGRATIE}/fields.feature`, scenario: "'datum vestiging in nederland (14.20)' wordt gevraagd met field pad 'immigratie.datumVestigingInNederland.jaar' (999993653: 20131102)",
    request: raadpleeg('999993653', ['immigratie.datumVestigingInNederland.jaar']), expected: ok([{ immigratie: { datumVestigingInNederland: datum('2013-11-02', '2 november 2013') } }]) },
  { feature: `${IMMIGRATIE}/indicatievestigingvanuitbuitenland.feature`, scenario: "'datum vestiging in Nederland (14.20)' wordt gevraagd met field pad 'immigratie.indicatieVestigingVanuitBuitenland' (999990299: 19990929)",
    request: raadpleeg('999990299', ['immigratie.indicatieVestigingVanuitBuitenland']), expected: ok([{ immigratie: { indicatieVestigingVanuitBuitenland: true } }]) },
  { feature: `${IMMIGRATIE}/indicatievestigingvanuitbuitenland.feature`, scenario: "'datum vestiging in Nederland (14.20)' wordt gevraagd met field pad 'immigratie.indicatieVestigingVanuitBuitenland' (999992211: 00000000)",
    request: raadpleeg('999992211', ['immigratie.indicatieVestigingVanuitBuitenland']), expected: ok([{ immigratie: { indicatieVestigingVanuitBuitenland: true } }]) },
  { feature: `${IMMIGRATIE}/vanuitverblijfplaatsonbekend.feature`, scenario: "'land vanwaar ingeschreven (14.10)' met waarde 0000 wordt gevraagd met field pad 'immigratie.vanuitVerblijfplaatsOnbekend' (999992211)",
    request: raadpleeg('999992211', ['immigratie.vanuitVerblijfplaatsOnbekend']), expected: ok([{ immigratie: { vanuitVerblijfplaatsOnbekend: true } }]) },
];

const MINDERJARIGE = 'bevragen/persoon/gezag/gba/gezag-minderjarige-gba.feature';
const MEERDERJARIGE = 'bevragen/persoon/gezag/gba/heeft-gezag-over-gba.feature';
const mirik = { burgerservicenummer: '999992089', naam: { volledigeNaam: 'Mirik de Jager' } };
const estrella = { burgerservicenummer: '999997610', naam: { volledigeNaam: 'Estrella de Jager' } };
const EENHOOFDIG = 'EenhoofdigOuderlijkGezag';
const gezag: FeatureCase[] = [
  { feature: MINDERJARIGE, scenario: 'beide ouders hebben gezag over de minderjarige (999998353, born 2015, two legal parents, no court decision)',
    request: raadpleeg('999998353', ['gezag.type', 'gezag.ouders.burgerservicenummer']),
    expected: bevat([{ gezag: [{ type: 'GezamenlijkOuderlijkGezag', ouders: [{ burgerservicenummer: '999998341' }, { burgerservicenummer: '999998328' }] }] }]) },
  { feature: MINDERJARIGE, scenario: 'één ouder heeft gezag over de minderjarige (999992089, 11.32.10 = 1)',
    request: raadpleeg('999992089', ['gezag.type', 'gezag.ouder']), expected: bevat([{ gezag: [{ type: EENHOOFDIG, ouder: estrella }] }]) },
  { feature: MINDERJARIGE, scenario: 'gezag over minderjarige kan niet worden bepaald (999999412, 11.32.10 = 3D, not in Tabel 61)',
    request: raadpleeg('999999412', ['gezag.type']), expected: bevat([{ gezag: [{ type: 'GezagNietTeBepalen' }] }]) },
  { feature: MINDERJARIGE, scenario: 'gezag wordt gevraagd van een meerderjarige (999993653, born 1985)', request: raadpleeg('999993653', ['gezag']), expected: ok([{}]) },
  { feature: MEERDERJARIGE, scenario: 'de ouder heeft gezag over het minderjarige kind (999997610 over 999992089)',
    request: raadpleeg('999997610', ['gezag.type', 'gezag.minderjarige.burgerservicenummer', 'gezag.ouder']),
    expected: bevat([{ gezag: [{ type: EENHOOFDIG, minderjarige: { burgerservicenummer: mirik.burgerservicenummer }, ouder: estrella }] }]) },
  { feature: MEERDERJARIGE, scenario: 'gezag over minderjarige kan niet worden bepaald (999999357: six minor children, none with a determinable gezag)',
    request: raadpleeg('999999357', ['gezag']), expected: ok([{}]) },
];

const familie: FeatureCase[] = [
  { feature: 'bevragen/persoon/partner/overzicht.feature', scenario: 'persoon heeft een actueel huwelijk (999999357: huwelijk 2011-09-20)',
    request: raadpleeg('999999357', ['partners.burgerservicenummer', 'partners.soortVerbintenis', 'partners.aangaanHuwelijkPartnerschap.datum']),
    expected: ok([{ partners: [{ burgerservicenummer: '999999345', soortVerbintenis: { code: 'H', omschrijving: 'huwelijk' }, aangaanHuwelijkPartnerschap: { datum: datum('2011-09-20', '20 september 2011') } }] }]) },
  { feature: 'bevragen/persoon/partner/overzicht.feature', scenario: 'persoon heeft een ontbonden huwelijk/partnerschap (999999333: partnerschap ontbonden 2000-03-08)',
    request: raadpleeg('999999333', ['partners.burgerservicenummer', 'partners.ontbindingHuwelijkPartnerschap']),
    expected: ok([{ partners: [{ burgerservicenummer: '999993240', ontbindingHuwelijkPartnerschap: { datum: datum('2000-03-08', '8 maart 2000') } }] }]) },
  { feature: 'bevragen/persoon/kind/kinderen.feature', scenario: 'persoon heeft kinderen (999997610: two sons)',
    request: raadpleeg('999997610', ['kinderen.burgerservicenummer', 'kinderen.naam.voornamen']),
    expected: ok([{ kinderen: [{ burgerservicenummer: '999992089', naam: { voornamen: 'Mirik' } }, { burgerservicenummer: '999990408', naam: { voornamen: 'Paolo' } }] }]) },
  { feature: 'bevragen/persoon/kind/kinderen.feature', scenario: 'met fields vragen om een gegeven zonder waarde (999995182: a child without BSN)',
    request: raadpleeg('999995182', ['kinderen.burgerservicenummer']), expected: ok([{ kinderen: [{}] }]) },
  { feature: 'specificatie: Persoon.indicatieCurateleRegister', scenario: 'onder curatele gesteld (999993811, 11.33.10 = 1)',
    request: raadpleeg('999993811', ['indicatieCurateleRegister']), expected: ok([{ indicatieCurateleRegister: true }]) },
  { feature: 'bevragen/persoon/overlijden/overzicht.feature', scenario: 'overleden persoon heeft geen leeftijd (999990147, overleden 2018-05-26)',
    request: raadpleeg('999990147', ['leeftijd', 'overlijden.datum']), expected: ok([{ overlijden: { datum: datum('2018-05-26', '26 mei 2018') } }]) },
];

// BRP-API/Haal-Centraal-BRP-historie-bevragen: 999992089 lived at Smitsweg 1, Hellevoetsluis (0530) from 2010-01-01 and at
// De Villeneuvestraat 24, Rotterdam (0599) from 2018-02-08.
const PEILDATUM = 'raadpleeg-verblijfplaats-met-peildatum/gba/peildatum-filtering-gba.feature';
const historie = (body: Record<string, unknown>) => ({ burgerservicenummer: '999992089', ...body });
const smitsweg = { type: 'Adres', verblijfadres: { officieleStraatnaam: 'Smitsweg', huisnummer: 1 }, gemeenteVanInschrijving: { code: '0530', omschrijving: 'Hellevoetsluis' },
  datumVan: datum('2010-01-01', '1 januari 2010'), datumTot: datum('2018-02-08', '8 februari 2018') };
const villeneuve = { type: 'Adres', verblijfadres: { officieleStraatnaam: 'De Villeneuvestraat', huisnummer: 24 }, gemeenteVanInschrijving: { code: '0599', omschrijving: 'Rotterdam' },
  datumVan: datum('2018-02-08', '8 februari 2018') };
const adreshistorie: FeatureCase[] = [
  { feature: PEILDATUM, endpoint: 'verblijfplaatshistorie', scenario: 'verblijf wordt niet geleverd, omdat peildatum ligt voor datum aanvang adreshouding',
    request: historie({ type: 'RaadpleegMetPeildatum', peildatum: '2009-06-01' }), expected: { status: 200, verblijfplaatsen: [] } },
  { feature: PEILDATUM, endpoint: 'verblijfplaatshistorie', scenario: 'verblijf wordt geleverd, omdat peildatum ligt tussen datum aanvang en datum aanvang volgende',
    request: historie({ type: 'RaadpleegMetPeildatum', peildatum: '2014-01-01' }), expected: { status: 200, verblijfplaatsen: [smitsweg], deel: true } },
  { feature: PEILDATUM, endpoint: 'verblijfplaatshistorie', scenario: 'verblijf wordt niet geleverd, omdat peildatum is datum aanvang volgende',
    request: historie({ type: 'RaadpleegMetPeildatum', peildatum: '2018-02-08' }), expected: { status: 200, verblijfplaatsen: [villeneuve], deel: true } },
  { feature: 'raadpleeg-verblijfplaats-met-periode/datum-van-en-tot.feature', endpoint: 'verblijfplaatshistorie', scenario: 'actuele en historische verblijfplaatsen',
    request: historie({ type: 'RaadpleegMetPeriode', datumVan: '2017-01-01', datumTot: '2019-01-01' }), expected: { status: 200, verblijfplaatsen: [villeneuve, smitsweg], deel: true } },
];

export const FEATURE_CASES: readonly FeatureCase[] = [...fieldsFout, ...raadpleegFout, ...overzicht, ...verblijfstitel, ...immigratie, ...gezag, ...familie, ...adreshistorie];

export interface CaseResult { naam: string; ok: boolean; melding?: string }

const bsnVan = (p: unknown) => String((p as { burgerservicenummer?: unknown })?.burgerservicenummer ?? JSON.stringify(p));
const sorted = (personen: unknown[]) => [...personen].sort((a, b) => bsnVan(a).localeCompare(bsnVan(b)));
/** A JSON text with sorted keys: equal values give equal texts, whatever realm made the objects. */
const canoniek = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
const isDeepStrictEqual = (a: unknown, b: unknown) => canoniek(a) === canoniek(b);
/** Whether `actual` contains `expected`: the same scalars, every expected key, arrays of the same length element by element. */
function bevatDeel(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => bevatDeel(actual[i], e));
  if (expected && typeof expected === 'object') {
    return !!actual && typeof actual === 'object' && !Array.isArray(actual)
      && Object.entries(expected).every(([k, v]) => bevatDeel((actual as Record<string, unknown>)[k], v));
  }
  return actual === expected;
}
const kort = (v: unknown) => { const s = JSON.stringify(v); return s.length > 400 ? `${s.slice(0, 400)}…` : s; };

/**
 * Runs the cases against `baseUrl` (the instance's root: the cases POST to
 * `${baseUrl}/haalcentraal/api/brp/personen`) as the afnemer `oin` (header x-origin-oin).
 */
export async function runFeatureCases(baseUrl: string, options: { oin?: string; cases?: readonly FeatureCase[]; timeoutMs?: number } = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of options.cases ?? FEATURE_CASES) {
    const naam = `${c.feature}: ${c.scenario}`;
    try {
      const res = await fetch(`${baseUrl.replace(/\/$/, '')}${c.endpoint === 'verblijfplaatshistorie' ? HISTORIE : PERSONEN}`, {
        method: 'POST', body: JSON.stringify(c.request), signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(options.oin ? { 'x-origin-oin': options.oin } : {}) },
      });
      const body = await res.json().catch(() => undefined) as Record<string, unknown> | undefined;
      let melding: string | undefined;
      if (res.status !== c.expected.status) melding = `status ${res.status}, expected ${c.expected.status}: ${kort(body)}`;
      else if (c.expected.body !== undefined && !isDeepStrictEqual(body, c.expected.body)) melding = `body ${kort(body)}, expected ${kort(c.expected.body)}`;
      else if (c.expected.personen !== undefined) {
        const personen = Array.isArray(body?.personen) ? body!.personen as unknown[] : undefined;
        const gelijk = c.expected.deel ? bevatDeel : isDeepStrictEqual;
        if (!personen || personen.length !== c.expected.personen.length || !gelijk(sorted(personen), sorted(c.expected.personen))) melding = `personen ${kort(personen)}, expected ${kort(c.expected.personen)}`;
      }
      else if (c.expected.verblijfplaatsen !== undefined) {
        const lijst = Array.isArray(body?.verblijfplaatsen) ? body!.verblijfplaatsen as unknown[] : undefined;
        const gelijk = c.expected.deel ? bevatDeel : isDeepStrictEqual;
        if (!lijst || !gelijk(lijst, c.expected.verblijfplaatsen)) melding = `verblijfplaatsen ${kort(lijst)}, expected ${kort(c.expected.verblijfplaatsen)}`;
      }
      results.push({ naam, ok: melding === undefined, ...(melding ? { melding } : {}) });
    } catch (e) {
      results.push({ naam, ok: false, melding: `no answer: ${(e as Error).message}` });
    }
  }
  return results;
}
