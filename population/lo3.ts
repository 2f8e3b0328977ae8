import { parse } from 'csv-parse/sync';

/**
 * Reads RvIG's test set of persoonslijsten (LO3 element numbers `CC.GG.EE`, one column per
 * element) and converts each list into a person as the Haal Centraal BRP API Personen v2 answers
 * it. Only the BRP simulator's data comes from here; the conversion runs once
 * (`npm run brp:testset`) and its output is committed.
 *
 * Layout of the file (read from the file itself): a persoonslijst starts at a row whose first
 * column holds an identifier; the rows after it continue the same list. Per category, the rows
 * that hold values for it form a sequence of entries; the category's `CC.H` column on an entry
 * says what the next entry is: `5x` (category + 50) its history, `CC` the start of another
 * occurrence (a second nationality, another child), empty the end. So the current occurrences of
 * a category are the first entry and every entry that follows a `CC` marker.
 */

export type Elementen = Record<string, string>;

export interface Persoonslijst {
  id: string;
  /** Current occurrences per category ('01'..'13'), each as element number -> value. */
  categorieen: Map<string, Elementen[]>;
  /** Historical entries per category, newest first (the rows after a `5x` marker), element numbers as for the current ones. */
  historie: Map<string, Elementen[]>;
}

export interface CodeTabellen {
  nationaliteiten: Map<string, string>;
  landen: Map<string, string>;
  /** BRP gemeente code (4 digits) -> name. */
  gemeenten: Map<string, string>;
  redenOpname: Map<string, string>;
  /** Tabel 56 Verblijfstiteltabel. */
  verblijfstitels: Map<string, string>;
}

export function parsePersoonslijsten(csvText: string): Persoonslijst[] {
  const rows = parse(csvText, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
  const header = rows[0];
  const categories = [...new Set(header.filter((c) => /^\d\d\.\d\d\.\d\d$/.test(c)).map((c) => c.slice(0, 2)))];
  const columns = new Map(categories.map((cc) => [cc, header.flatMap((c, i) => (c.startsWith(`${cc}.`) && /^\d\d\.\d\d\.\d\d$/.test(c) ? [i] : []))]));
  const marker = new Map(categories.map((cc) => [cc, header.indexOf(`${cc}.H`)]));
  const lists: Persoonslijst[] = [];
  let current: { id: string; rows: string[][] } | undefined;
  const flush = () => { if (current) lists.push(toList(current.id, current.rows)); };
  const toList = (id: string, listRows: string[][]): Persoonslijst => {
    const categorieen = new Map<string, Elementen[]>();
    const historie = new Map<string, Elementen[]>();
    for (const cc of categories) {
      let next: 'start' | 'history' | 'end' = 'start';
      for (const row of listRows) {
        const cols = columns.get(cc)!;
        if (!cols.some((i) => row[i])) continue;
        if (next !== 'end') {
          const e: Elementen = {};
          for (const i of cols) if (row[i]) e[header[i]] ??= row[i];
          const target = next === 'start' ? categorieen : historie;
          target.set(cc, [...(target.get(cc) ?? []), e]);
        }
        const m = row[marker.get(cc)!] ?? '';
        next = m === cc ? 'start' : m.startsWith('5') || m.startsWith('6') ? 'history' : 'end';
      }
    }
    return { id, categorieen, historie };
  };
  for (const row of rows.slice(1)) {
    if (row[0]) { flush(); current = { id: row[0], rows: [] }; }
    current?.rows.push(row);
  }
  flush();
  return lists;
}

/** A date in LO3 form (JJJJMMDD, 00 for an unknown part) as the API's Datum / JaarMaandDatum / JaarDatum / DatumOnbekend. */
export function lo3Datum(value: string | undefined): Record<string, unknown> | undefined {
  if (!value || !/^\d{8}$/.test(value)) return undefined;
  const jaar = Number(value.slice(0, 4)); const maand = Number(value.slice(4, 6)); const dag = Number(value.slice(6, 8));
  if (jaar === 0) return { type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' };
  if (maand === 0) return { type: 'JaarDatum', jaar, langFormaat: String(jaar) };
  // A day the calendar does not have (the test set holds a few, e.g. 19821291) counts as unknown.
  const bestaat = maand <= 12 && dag <= new Date(Date.UTC(jaar, maand, 0)).getUTCDate();
  if (maand > 12) return { type: 'JaarDatum', jaar, langFormaat: String(jaar) };
  if (dag === 0 || !bestaat) return { type: 'JaarMaandDatum', jaar, maand, langFormaat: `${MAANDEN[maand - 1]} ${jaar}` };
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return { type: 'Datum', datum: iso, langFormaat: `${dag} ${MAANDEN[maand - 1]} ${jaar}` };
}

const MAANDEN = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const GESLACHT: Record<string, string> = { M: 'man', V: 'vrouw', O: 'onbekend' };
const NAAMGEBRUIK: Record<string, string> = {
  E: 'eigen geslachtsnaam', N: 'geslachtsnaam echtgenoot/geregistreerd partner na eigen geslachtsnaam',
  P: 'geslachtsnaam echtgenoot/geregistreerd partner', V: 'geslachtsnaam echtgenoot/geregistreerd partner voor eigen geslachtsnaam',
};
/** Tabel 38 adellijke titel/predicaat: omschrijving per gender and soort. */
const ADEL: Record<string, [string, 'titel' | 'predicaat']> = {
  B: ['baron', 'titel'], BS: ['barones', 'titel'], G: ['graaf', 'titel'], GI: ['gravin', 'titel'], H: ['hertog', 'titel'],
  HI: ['hertogin', 'titel'], JH: ['jonkheer', 'predicaat'], JV: ['jonkvrouw', 'predicaat'], M: ['markies', 'titel'],
  MI: ['markiezin', 'titel'], P: ['prins', 'titel'], PS: ['prinses', 'titel'], R: ['ridder', 'titel'],
};
const OPSCHORTING: Record<string, string> = {
  O: 'overlijden', E: 'emigratie', M: 'ministerieel besluit', R: 'pl is aangelegd in de rni', F: 'fout', W: 'wissen',
};
const FUNCTIE_ADRES: Record<string, string> = { W: 'woonadres', B: 'briefadres' };
const SOORT_VERBINTENIS: Record<string, string> = { H: 'huwelijk', P: 'geregistreerd partnerschap' };

function tabel(map: Map<string, string>, naam: string, code: string | undefined): { code: string; omschrijving: string } | undefined {
  if (!code) return undefined;
  const omschrijving = map.get(code);
  if (omschrijving === undefined) throw new Error(`code ${code} is not in ${naam}`);
  return { code, omschrijving };
}

const compact = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export function voorletters(voornamen: string): string {
  return voornamen.split(' ').filter(Boolean).map((n) => `${n[0]}.`).join('');
}

/** Naam of a person or relative from elements `CC.02.xx` of category `cc`. */
function naam(e: Elementen, cc: string, metVolledigeNaam: boolean) {
  const voornamen = e[`${cc}.02.10`];
  const adel = e[`${cc}.02.20`];
  const voorvoegsel = e[`${cc}.02.30`];
  const geslachtsnaam = e[`${cc}.02.40`];
  return compact({
    voornamen,
    adellijkeTitelPredicaat: adel ? { code: adel, omschrijving: ADEL[adel]?.[0] ?? adel, soort: ADEL[adel]?.[1] ?? 'titel' } : undefined,
    voorvoegsel, geslachtsnaam,
    voorletters: voornamen ? voorletters(voornamen) : undefined,
    volledigeNaam: metVolledigeNaam ? [voornamen, adel ? ADEL[adel]?.[0] : undefined, voorvoegsel, geslachtsnaam].filter(Boolean).join(' ') : undefined,
  });
}

function plaats(value: string | undefined, t: CodeTabellen) {
  if (!value) return undefined;
  return /^\d{4}$/.test(value) ? tabel(t.gemeenten, 'Tabel 33', value) : { omschrijving: value };
}

function geboorte(e: Elementen, cc: string, t: CodeTabellen) {
  const g = compact({ datum: lo3Datum(e[`${cc}.03.10`]), plaats: plaats(e[`${cc}.03.20`], t), land: tabel(t.landen, 'Tabel 34', e[`${cc}.03.30`]) });
  return Object.keys(g).length ? g : undefined;
}

/** One persoonslijst as a Haal Centraal `Persoon` (without `leeftijd`, which depends on the day asked). */
export function toHaalCentraalPersoon(pl: Persoonslijst, t: CodeTabellen): Record<string, unknown> | undefined {
  const one = (cc: string) => pl.categorieen.get(cc)?.[0];
  const all = (cc: string) => pl.categorieen.get(cc) ?? [];
  const p = one('01');
  if (!p?.['01.01.20']) return undefined;
  const inschrijving = one('07') ?? {};
  const verblijf = one('08');
  const overlijden = one('06');
  const persoon: Record<string, unknown> = compact({
    aNummer: p['01.01.10'],
    burgerservicenummer: p['01.01.20'],
    geslacht: p['01.04.10'] ? { code: p['01.04.10'], omschrijving: GESLACHT[p['01.04.10']] } : undefined,
    naam: { ...naam(p, '01', true), ...(p['01.61.10'] ? { aanduidingNaamgebruik: { code: p['01.61.10'], omschrijving: NAAMGEBRUIK[p['01.61.10']] } } : {}) },
    geboorte: geboorte(p, '01', t),
  });
  const nationaliteiten = all('04').filter((n) => !n['04.64.10']).flatMap((n) => {
    const code = n['04.05.10'];
    const reden = tabel(t.redenOpname, 'Tabel 37', n['04.63.10']);
    const ingang = lo3Datum(n['04.85.10']);
    if (n['04.65.10'] === 'B') return [compact({ type: 'BehandeldAlsNederlander', redenOpname: reden, datumIngangGeldigheid: ingang })];
    if (n['04.65.10'] === 'V') return [compact({ type: 'VastgesteldNietNederlander', redenOpname: reden, datumIngangGeldigheid: ingang })];
    if (!code) return [];
    if (code === '0499') return [compact({ type: 'Staatloos', redenOpname: reden, datumIngangGeldigheid: ingang })];
    if (code === '0000') return [compact({ type: 'NationaliteitOnbekend', redenOpname: reden, datumIngangGeldigheid: ingang })];
    return [compact({ type: 'Nationaliteit', nationaliteit: tabel(t.nationaliteiten, 'Tabel 32', code), redenOpname: reden, datumIngangGeldigheid: ingang })];
  });
  if (nationaliteiten.length) persoon.nationaliteiten = nationaliteiten;
  const ouders = (['02', '03'] as const).flatMap((cc, i) => {
    const o = one(cc);
    if (!o || !Object.keys(o).some((k) => /\.0[1-4]\./.test(k))) return [];
    return [compact({
      ouderAanduiding: String(i + 1), burgerservicenummer: o[`${cc}.01.20`],
      geslacht: o[`${cc}.04.10`] ? { code: o[`${cc}.04.10`], omschrijving: GESLACHT[o[`${cc}.04.10`]] } : undefined,
      naam: naam(o, cc, false), geboorte: geboorte(o, cc, t), datumIngangFamilierechtelijkeBetrekking: lo3Datum(o[`${cc}.62.10`]),
    })];
  });
  if (ouders.length) persoon.ouders = ouders;
  const partnerOf = (h: Elementen) => compact({
    burgerservicenummer: h['05.01.20'],
    geslacht: h['05.04.10'] ? { code: h['05.04.10'], omschrijving: GESLACHT[h['05.04.10']] } : undefined,
    soortVerbintenis: h['05.15.10'] ? { code: h['05.15.10'], omschrijving: SOORT_VERBINTENIS[h['05.15.10']] } : undefined,
    naam: naam(h, '05', false), geboorte: geboorte(h, '05', t),
    aangaanHuwelijkPartnerschap: h['05.06.10'] ? compact({ datum: lo3Datum(h['05.06.10']), plaats: plaats(h['05.06.20'], t), land: tabel(t.landen, 'Tabel 34', h['05.06.30']) }) : undefined,
    ontbindingHuwelijkPartnerschap: h['05.07.10'] ? { datum: lo3Datum(h['05.07.10']) } : undefined,
  });
  // Current partners; when there are none, the most recently dissolved one.
  const huwelijken = all('05');
  const actueel = huwelijken.filter((h) => !h['05.07.10'] && (h['05.01.20'] || h['05.02.40']));
  const ontbonden = huwelijken.filter((h) => h['05.07.10']).sort((a, b) => b['05.07.10'].localeCompare(a['05.07.10']));
  const partners = (actueel.length ? actueel : ontbonden.slice(0, 1)).map(partnerOf);
  if (partners.length) persoon.partners = partners;
  const kinderen = all('09').filter((k) => k['09.02.40'] || k['09.01.20']).map((k) => compact({
    burgerservicenummer: k['09.01.20'], naam: naam(k, '09', false), geboorte: geboorte(k, '09', t),
  }));
  if (kinderen.length) persoon.kinderen = kinderen;
  if (overlijden?.['06.08.10']) {
    persoon.overlijden = compact({ datum: lo3Datum(overlijden['06.08.10']), plaats: plaats(overlijden['06.08.20'], t), land: tabel(t.landen, 'Tabel 34', overlijden['06.08.30']) });
  }
  if (inschrijving['07.67.20']) {
    persoon.opschortingBijhouding = compact({ reden: { code: inschrijving['07.67.20'], omschrijving: OPSCHORTING[inschrijving['07.67.20']] ?? inschrijving['07.67.20'] }, datum: lo3Datum(inschrijving['07.67.10']) });
  }
  if (inschrijving['07.70.10'] && inschrijving['07.70.10'] !== '0') persoon.geheimhoudingPersoonsgegevens = true;
  if (verblijf?.['08.14.10'] || verblijf?.['08.14.20']) persoon.immigratie = immigratie(verblijf, t);
  const titel = verblijfstitel(one('10'), t);
  if (titel) persoon.verblijfstitel = titel;
  const gezagsverhouding = one('11');
  if (gezagsverhouding?.['11.33.10'] === '1') persoon.indicatieCurateleRegister = true;
  // Raw, for the day-dependent derivation of `gezag` (simulators/brp/gezag.ts); never served.
  if (gezagsverhouding?.['11.32.10']) persoon[LO3_GEZAG] = gezagsverhouding['11.32.10'];
  if (verblijf?.['08.09.10']) {
    persoon.gemeenteVanInschrijving = tabel(t.gemeenten, 'Tabel 33', verblijf['08.09.10']);
    const inschrijf = lo3Datum(verblijf['08.09.20']);
    if (inschrijf) persoon.datumInschrijvingInGemeente = inschrijf;
    Object.assign(persoon, verblijfplaats(verblijf, t));
  }
  const adressering = adresseringVan(persoon);
  if (adressering) persoon.adressering = adressering;
  const historie = verblijfplaatsVoorkomens([...(verblijf ? [verblijf] : []), ...(pl.historie.get('08') ?? [])], t);
  if (historie.length) persoon[LO3_VERBLIJFPLAATSHISTORIE] = historie;
  return persoon;
}

/** The key under which a converted test person keeps its LO3 indicatie gezag minderjarige (11.32.10); removed before serving. */
export const LO3_GEZAG = 'lo3IndicatieGezagMinderjarige';

/**
 * Immigratie from groep 14 of the current verblijfplaats (immigratie/indicatievestigingvanuitbuitenland.feature:
 * the indicatie is true whenever 14.20 has a value; vanuitverblijfplaatsonbekend.feature: true when 14.10 is 0000).
 */
function immigratie(v: Elementen, t: CodeTabellen): Record<string, unknown> {
  const land = v['08.14.10'];
  return compact({
    landVanwaarIngeschreven: land ? tabel(t.landen, 'Tabel 34', land) : undefined,
    datumVestigingInNederland: lo3Datum(v['08.14.20']),
    indicatieVestigingVanuitBuitenland: v['08.14.20'] ? true : undefined,
    vanuitVerblijfplaatsOnbekend: land === '0000' ? true : undefined,
  });
}

/**
 * The current verblijfstitel (verblijfstitel/verblijfstitel.feature): aanduiding 98 "geen
 * verblijfstitel (meer)" is not included; one whose datum einde has passed is dropped on the day
 * asked (simulators/brp/persoon.ts `testpersoonOp`).
 */
function verblijfstitel(e: Elementen | undefined, t: CodeTabellen): Record<string, unknown> | undefined {
  const code = e?.['10.39.10'];
  if (!e || !code || code === '98') return undefined;
  return compact({ aanduiding: tabel(t.verblijfstitels, 'Tabel 56', code), datumEinde: lo3Datum(e['10.39.20']), datumIngang: lo3Datum(e['10.39.30']) });
}

/** The key under which a converted test person keeps its address history (categories 08 and 58), newest first; removed before serving. */
export const LO3_VERBLIJFPLAATSHISTORIE = 'lo3Verblijfplaatshistorie';

/**
 * Address history as the BRP historie API v2 delivers it (verblijfplaatshistorie): one voorkomen
 * per verblijfplaats, newest first, with its gemeente and datumVan (datum aanvang adreshouding,
 * or of the foreign address); datumTot is the newer one's datumVan. Entries marked onjuist (84.10)
 * and corrections (the same start as the newer entry) are left out (overlap-datum-aanvang-gba.feature).
 */
function verblijfplaatsVoorkomens(entries: Elementen[], t: CodeTabellen): Record<string, unknown>[] {
  const voorkomens: Record<string, unknown>[] = [];
  let vorigeAanvang: string | undefined;
  for (const e of entries) {
    if (e['08.84.10']) continue;
    const aanvang = e['08.13.10'] ? e['08.13.20'] : e['08.10.30'];
    if (!aanvang || aanvang === vorigeAanvang) continue;
    const v = (verblijfplaats(e, t) as { verblijfplaats?: Record<string, unknown> }).verblijfplaats;
    if (!v) continue;
    const nieuwer = voorkomens[voorkomens.length - 1];
    voorkomens.push(compact({
      ...v,
      gemeenteVanInschrijving: e['08.09.10'] && !e['08.13.10'] ? tabel(t.gemeenten, 'Tabel 33', e['08.09.10']) : undefined,
      datumVan: lo3Datum(aanvang),
      datumTot: nieuwer?.datumVan,
    }));
    vorigeAanvang = aanvang;
  }
  return voorkomens;
}

function verblijfplaats(v: Elementen, t: CodeTabellen): Record<string, unknown> {
  if (v['08.13.10']) {
    const land = tabel(t.landen, 'Tabel 34', v['08.13.10']);
    if (v['08.13.10'] === '0000') return { verblijfplaats: compact({ type: 'VerblijfplaatsOnbekend', datumVan: lo3Datum(v['08.13.20']) }) };
    return {
      verblijfplaats: compact({
        type: 'VerblijfplaatsBuitenland', datumVan: lo3Datum(v['08.13.20']),
        verblijfadres: compact({ land, regel1: v['08.13.30'], regel2: v['08.13.40'], regel3: v['08.13.50'] }),
      }),
    };
  }
  if (!v['08.11.10'] && !v['08.12.10']) return {};
  if (v['08.12.10']) {
    return { verblijfplaats: compact({ type: 'Locatie', datumVan: lo3Datum(v['08.10.30']), verblijfadres: { locatiebeschrijving: v['08.12.10'] } }) };
  }
  const huisnummer = v['08.11.20'] ? Number(v['08.11.20']) : undefined;
  return {
    verblijfplaats: compact({
      type: 'Adres',
      verblijfadres: compact({
        officieleStraatnaam: v['08.11.15'] || v['08.11.10'], korteStraatnaam: v['08.11.10'], huisnummer,
        huisletter: v['08.11.30'], huisnummertoevoeging: v['08.11.40'], postcode: v['08.11.60'], woonplaats: v['08.11.70'],
      }),
      functieAdres: v['08.10.10'] ? { code: v['08.10.10'], omschrijving: FUNCTIE_ADRES[v['08.10.10']] } : undefined,
      datumVan: lo3Datum(v['08.10.30']),
      adresseerbaarObjectIdentificatie: v['08.11.80'], nummeraanduidingIdentificatie: v['08.11.90'],
    }),
  };
}

/**
 * The postal form of name and address (`adressering`), for a person with a Dutch address:
 * adresregel1 street and number, adresregel2 postcode and place in capitals, the name as
 * initials, prefix and surname after the person's naamgebruik.
 */
export function adresseringVan(persoon: Record<string, any>): Record<string, unknown> | undefined {
  const v = persoon.verblijfplaats;
  if (persoon.overlijden || !v || v.type !== 'Adres') return undefined;
  const a = v.verblijfadres;
  const naamDelen = persoon.naam ?? {};
  const partner = (persoon.partners ?? []).find((p: any) => !p.ontbindingHuwelijkPartnerschap)?.naam;
  const eigen = [naamDelen.voorvoegsel, naamDelen.geslachtsnaam].filter(Boolean).join(' ');
  const vanPartner = partner ? [partner.voorvoegsel, partner.geslachtsnaam].filter(Boolean).join(' ') : '';
  const gebruik = naamDelen.aanduidingNaamgebruik?.code ?? 'E';
  const achternaam = !vanPartner || gebruik === 'E' ? eigen : gebruik === 'P' ? vanPartner : gebruik === 'V' ? `${vanPartner}-${eigen}` : `${eigen}-${vanPartner}`;
  const naam = [naamDelen.voorletters, achternaam].filter(Boolean).join(' ');
  const capital = achternaam.charAt(0).toUpperCase() + achternaam.slice(1);
  const aanspreek = persoon.geslacht?.code === 'M' ? 'heer' : persoon.geslacht?.code === 'V' ? 'mevrouw' : undefined;
  const nummer = [a.huisnummer, a.huisletter].filter((x) => x !== undefined).join('') + (a.huisnummertoevoeging ? ` ${a.huisnummertoevoeging}` : '');
  const postcode = a.postcode ? `${a.postcode.slice(0, 4)} ${a.postcode.slice(4)}` : undefined;
  return compact({
    aanhef: aanspreek ? `Geachte ${aanspreek} ${capital}` : `Geachte ${naam}`,
    aanschrijfwijze: { naam },
    gebruikInLopendeTekst: aanspreek ? `${aanspreek} ${capital}` : naam,
    adresregel1: [a.korteStraatnaam ?? a.officieleStraatnaam, nummer].filter(Boolean).join(' '),
    adresregel2: [postcode, a.woonplaats?.toUpperCase()].filter(Boolean).join('  '),
  });
}

/** Every persoonslijst with a BSN, converted; the first list wins when a BSN occurs twice. */
export function convertTestset(csvText: string, tabellen: CodeTabellen): Record<string, unknown>[] {
  const seen = new Set<string>();
  const result: Record<string, unknown>[] = [];
  for (const pl of parsePersoonslijsten(csvText)) {
    const p = toHaalCentraalPersoon(pl, tabellen);
    if (!p || seen.has(p.burgerservicenummer as string)) continue;
    seen.add(p.burgerservicenummer as string);
    result.push(p);
  }
  return result;
}
