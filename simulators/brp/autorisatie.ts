import type { Reply } from '../../lib/http/http';

/**
 * Per-field authorisation as RvIG applies it per afnemer: a field may be asked only when the
 * afnemer is authorised for the LO BRP rubrieken it is filled from, and a parameter only when
 * authorised for the rubriek it searches on. The rubrieken per field come from the feature files
 * of BRP-API/Haal-Centraal-BRP-bevragen (`features/autorisatie/personen/persoon/<groep>/autorisatie.feature`);
 * a field this table does not know needs an authorisation no afnemer holds (403, never a guess).
 */
export const RUBRIEKEN_PER_VELD: Record<string, readonly string[]> = {
  aNummer: ['10110'], burgerservicenummer: ['10120'],
  'naam.voornamen': ['10210'], 'naam.adellijkeTitelPredicaat': ['10220'], 'naam.voorvoegsel': ['10230'], 'naam.geslachtsnaam': ['10240'],
  'naam.aanduidingNaamgebruik': ['16110'], 'naam.voorletters': ['PANM01'], 'naam.volledigeNaam': ['PANM02'],
  'geboorte.datum': ['10310'], 'geboorte.plaats': ['10320'], 'geboorte.land': ['10330'], leeftijd: ['10310'],
  geslacht: ['10410'],
  'nationaliteiten.type': ['40510'], 'nationaliteiten.nationaliteit': ['40510'], 'nationaliteiten.redenOpname': ['46310'], 'nationaliteiten.datumIngangGeldigheid': ['48510'],
  'overlijden.datum': ['60810'], 'overlijden.plaats': ['60820'], 'overlijden.land': ['60830'],
  gemeenteVanInschrijving: ['80910'], datumInschrijvingInGemeente: ['80920'],
  'verblijfplaats.functieAdres': ['81010'], 'verblijfplaats.datumVan': ['81030'],
  'verblijfplaats.verblijfadres.korteStraatnaam': ['81110'], 'verblijfplaats.verblijfadres.officieleStraatnaam': ['81115'],
  'verblijfplaats.verblijfadres.huisnummer': ['81120'], 'verblijfplaats.verblijfadres.huisletter': ['81130'],
  'verblijfplaats.verblijfadres.huisnummertoevoeging': ['81140'], 'verblijfplaats.verblijfadres.aanduidingBijHuisnummer': ['81150'],
  'verblijfplaats.verblijfadres.postcode': ['81160'], 'verblijfplaats.verblijfadres.woonplaats': ['81170'],
  'verblijfplaats.verblijfadres.locatiebeschrijving': ['81210'], 'verblijfplaats.verblijfadres.land': ['81310'],
  'verblijfplaats.verblijfadres.regel1': ['81330'], 'verblijfplaats.verblijfadres.regel2': ['81340'], 'verblijfplaats.verblijfadres.regel3': ['81350'],
  // Parents: LO3 categories 02 (ouder 1) and 03 (ouder 2), the same elements as the person's own
  // (the geboorte autorisatie feature lists 20310 20320 20330 30310 30320 30330 for their birth).
  'ouders.burgerservicenummer': ['20120', '30120'], 'ouders.naam.voornamen': ['20210', '30210'], 'ouders.naam.adellijkeTitelPredicaat': ['20220', '30220'],
  'ouders.naam.voorvoegsel': ['20230', '30230'], 'ouders.naam.geslachtsnaam': ['20240', '30240'], 'ouders.geslacht': ['20410', '30410'],
  'ouders.geboorte.datum': ['20310', '30310'], 'ouders.geboorte.plaats': ['20320', '30320'], 'ouders.geboorte.land': ['20330', '30330'],
  'ouders.datumIngangFamilierechtelijkeBetrekking': ['26210', '36210'],
  // Partners (categorie 05), children (09), residence title (10), immigration (08 groep 14),
  // gezag (derived: PAGZ01) and curatele (11.33.10): persoon/{partner,kind,verblijfstitel,immigratie,gezag}/autorisatie.feature.
  'partners.burgerservicenummer': ['50120'], 'partners.naam.voornamen': ['50210'], 'partners.naam.adellijkeTitelPredicaat': ['50220'],
  'partners.naam.voorvoegsel': ['50230'], 'partners.naam.geslachtsnaam': ['50240'], 'partners.naam.voorletters': ['PAHP01'],
  'partners.geboorte.datum': ['50310'], 'partners.geboorte.plaats': ['50320'], 'partners.geboorte.land': ['50330'], 'partners.geslacht': ['50410'],
  'partners.aangaanHuwelijkPartnerschap.datum': ['50610'], 'partners.aangaanHuwelijkPartnerschap.plaats': ['50620'], 'partners.aangaanHuwelijkPartnerschap.land': ['50630'],
  'partners.ontbindingHuwelijkPartnerschap.datum': ['50710'], 'partners.soortVerbintenis': ['51510'],
  'kinderen.burgerservicenummer': ['90120'], 'kinderen.naam.voornamen': ['90210'], 'kinderen.naam.adellijkeTitelPredicaat': ['90220'],
  'kinderen.naam.voorvoegsel': ['90230'], 'kinderen.naam.geslachtsnaam': ['90240'], 'kinderen.naam.voorletters': ['PAKD01'],
  'kinderen.geboorte.datum': ['90310'], 'kinderen.geboorte.plaats': ['90320'], 'kinderen.geboorte.land': ['90330'],
  'verblijfstitel.aanduiding': ['103910'], 'verblijfstitel.datumEinde': ['103920'], 'verblijfstitel.datumIngang': ['103930'],
  'immigratie.landVanwaarIngeschreven': ['81410'], 'immigratie.datumVestigingInNederland': ['81420'],
  'immigratie.indicatieVestigingVanuitBuitenland': ['PAVP05'], 'immigratie.vanuitVerblijfplaatsOnbekend': ['PAVP06'],
  gezag: ['PAGZ01'], indicatieCurateleRegister: ['113310'],
  'adressering.adresregel1': ['PAVP03'], 'adressering.adresregel2': ['PAVP04'], 'adressering.adresregel3': ['81350'], 'adressering.land': ['81310'],
};

/** The rubriek each search parameter searches on (features/autorisatie/personen/<zoekvraag>/…autorisatie.feature). */
export const RUBRIEK_PER_PARAMETER: Record<string, string> = {
  burgerservicenummer: '10120', gemeenteVanInschrijving: '80910', geslachtsnaam: '10240', geboortedatum: '10310',
  voornamen: '10210', voorvoegsel: '10230', geslacht: '10410', postcode: '81160', huisnummer: '81120', huisletter: '81130', huisnummertoevoeging: '81140',
};

/** The rubrieken a requested (already unaliased) field path needs. */
export function rubriekenVoor(pad: string): string[] {
  const exact = RUBRIEKEN_PER_VELD[pad];
  if (exact) return [...exact];
  const ouder = Object.keys(RUBRIEKEN_PER_VELD).filter((k) => pad.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  if (ouder) return [...RUBRIEKEN_PER_VELD[ouder]];
  const kinderen = Object.keys(RUBRIEKEN_PER_VELD).filter((k) => k.startsWith(`${pad}.`));
  if (kinderen.length) return [...new Set(kinderen.flatMap((k) => RUBRIEKEN_PER_VELD[k]))];
  // A type marker or another part of a known group: everything the group is filled from.
  const groep = pad.split('.').slice(0, -1).join('.');
  const groepKinderen = groep ? Object.keys(RUBRIEKEN_PER_VELD).filter((k) => k.startsWith(`${groep}.`)) : [];
  if (groepKinderen.length) return [...new Set(groepKinderen.flatMap((k) => RUBRIEKEN_PER_VELD[k]))];
  return [`ONBEKEND:${pad}`];
}

/**
 * This layer's authorisation as an afnemer of the BRP (the "autorisatiebesluit" RvIG keeps per
 * afnemer): identification, name, birth date, sex, nationality, death date, municipality and
 * Dutch address — what the basis subgraph serves, and nothing of parents, partners, children or
 * the postal-form fields. The adapter asks exactly for fields within it (adapters/brp/haal-centraal/mapping.ts).
 */
export const LAAG_AFNEMER = '00000001823288444000';
export const LAAG_RUBRIEKEN: readonly string[] = ['10120', '10210', '10230', '10240', 'PANM02', '10310', '10410', '40510', '60810', '80910',
  '81110', '81115', '81120', '81130', '81140', '81160', '81170'];

export type Autorisaties = Record<string, readonly string[]>;

const TYPE_403 = 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.3';

export function unauthorizedField(instance: string): Reply {
  return { status: 403, contentType: 'application/problem+json', body: {
    type: TYPE_403, title: 'U bent niet geautoriseerd voor één of meerdere opgegeven field waarden.', status: 403, instance, code: 'unauthorizedField',
  } };
}

export function unauthorizedParameter(instance: string, parameters: string[]): Reply {
  return { status: 403, contentType: 'application/problem+json', body: {
    type: TYPE_403, title: 'U bent niet geautoriseerd voor de gebruikte parameter(s).', status: 403,
    detail: `U bent niet geautoriseerd voor het gebruik van parameter(s): ${parameters.join(', ')}.`, instance, code: 'unauthorizedParameter',
  } };
}

/** A question the afnemer may not ask at all (the address history without its rubrieken). */
export function unauthorizedQuery(instance: string): Reply {
  return { status: 403, contentType: 'application/problem+json', body: {
    type: TYPE_403, title: 'U bent niet geautoriseerd voor deze vraag.', status: 403, instance, code: 'unauthorized',
  } };
}
