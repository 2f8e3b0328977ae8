import { addDays, addYears, ageOn, isoDate, langFormaat } from '../../lib/domain/dates';
import { GESLACHTSNAMEN, MET_VOORVOEGSEL, VOORNAMEN_M, VOORNAMEN_V } from '../../population/catalog';
import { Draw } from '../../population/random';
import type { RegionRegistry } from '../../lib/domain/regions';
import { adresseringVan, LO3_GEZAG, LO3_VERBLIJFPLAATSHISTORIE, voorletters } from '../../population/lo3';
import { testsetPerBsn } from '../../population/testset';
import { gezinVan, herkomstVan, inschrijvingGemeente, woonhistorie, type Herkomst, type Woonplaats } from '../../population/verblijf';
import { gezagVan, type GezagBron } from './gezag';
import { eersteDag } from './historie';
import type { SynthPersoon } from '../../population/types';

/** A person as the Haal Centraal BRP API Personen v2 returns it (the subset this project fills). */
export type BrpPersoon = Record<string, unknown>;

const GESLACHT = { M: { code: 'M', omschrijving: 'man' }, V: { code: 'V', omschrijving: 'vrouw' }, O: { code: 'O', omschrijving: 'onbekend' } } as const;

function datum(iso: string) {
  return { type: 'Datum', datum: iso, langFormaat: langFormaat(iso) };
}


const geboortedatumVan = (record: Record<string, any>) => (record.geboorte?.datum?.type === 'Datum' ? record.geboorte.datum.datum as string : undefined);

/** What the gezag derivation needs of a converted test person on `today`. */
function gezagBron(record: Record<string, any>, today: Date): GezagBron {
  const geboren = geboortedatumVan(record);
  return { ...record, leeftijd: geboren && !record.overlijden ? ageOn(geboren, today) : undefined, indicatieGezag: record[LO3_GEZAG] };
}

/** Whether a date (any of the API's date types) is still to come on `today`; an unknown date counts as to come. */
function nogNiet(datum: Record<string, any> | undefined, today: Date): boolean {
  return !datum || datum.type === 'DatumOnbekend' || eersteDag(datum as Parameters<typeof eersteDag>[0]) > isoDate(today);
}

/**
 * An RvIG test person as the API answers on `today`: the converted record plus `leeftijd` (none
 * for the deceased or an unknown birth date), without a verblijfstitel whose datum einde has come
 * (verblijfstitel.feature), with `gezag` derived for the day (gezag.ts).
 */
export function testpersoonOp(record: Record<string, any>, today: Date): BrpPersoon {
  const { [LO3_GEZAG]: _indicatie, [LO3_VERBLIJFPLAATSHISTORIE]: _historie, ...persoon } = record;
  const geboren = geboortedatumVan(record);
  if (!record.overlijden && geboren) persoon.leeftijd = ageOn(geboren, today);
  if (persoon.verblijfstitel?.datumEinde && !nogNiet(persoon.verblijfstitel.datumEinde, today)) delete persoon.verblijfstitel;
  const gezag = gezagVan(gezagBron(record, today), (bsn) => {
    const kind = testsetPerBsn().get(bsn);
    return kind ? gezagBron(kind, today) : undefined;
  });
  if (gezag) persoon.gezag = gezag;
  return persoon;
}

/**
 * A synthetic person's parents, drawn from a stream of their own (so the population's ground truth
 * does not change): a mother and a father whose surname the person carries, born 22 to 38 years
 * earlier. They are not in the population and carry no BSN.
 */
function syntheticOuders(p: SynthPersoon): Record<string, unknown>[] {
  const draw = new Draw(0x0d0e5, p.index, 0);
  const ouder = (aanduiding: '1' | '2', geslacht: 'V' | 'M', voornamen: string, geslachtsnaam: string, voorvoegsel?: string) => {
    const geboortedatum = addYears(p.geboortedatum, -draw.int(22, 38));
    return {
      ouderAanduiding: aanduiding, geslacht: GESLACHT[geslacht],
      naam: { voornamen, ...(voorvoegsel ? { voorvoegsel } : {}), geslachtsnaam, voorletters: voorletters(voornamen) },
      geboorte: { datum: datum(addDays(geboortedatum, -draw.int(0, 364))), land: { code: '6030', omschrijving: 'Nederland' } },
      datumIngangFamilierechtelijkeBetrekking: datum(p.geboortedatum),
    };
  };
  const [vv, achternaam] = draw.chance(0.25) ? draw.pick(MET_VOORVOEGSEL) : [undefined, draw.pick(GESLACHTSNAMEN)];
  return [ouder('1', 'V', draw.pick(VOORNAMEN_V), achternaam, vv), ouder('2', 'M', draw.pick(VOORNAMEN_M), p.geslachtsnaam, p.voorvoegsel)];
}

/** The full BRP view of a person on `today` (a synthetic person as generated on `peildatum`); `fields` selection happens afterwards. */
export function toBrpPersoon(p: SynthPersoon, regions: RegionRegistry, today: Date, peildatum: string): BrpPersoon {
  if (p.brp) return testpersoonOp(p.brp, today);
  const herkomst = herkomstVan(p, peildatum);
  const gezin = gezinVan(p, peildatum);
  const historie = woonhistorie(p, regions.gemeenten(), peildatum, herkomst);
  const gemeente = regions.get(p.gemeenteCode)!;
  const gemeentecode = p.gemeenteCode.slice(2);
  const naam = [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' ');
  const persoon: BrpPersoon = {
    burgerservicenummer: p.bsn,
    geslacht: GESLACHT[p.geslacht],
    naam: {
      voornamen: p.voornamen,
      ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
      geslachtsnaam: p.geslachtsnaam,
      voorletters: voorletters(p.voornamen),
      volledigeNaam: naam,
    },
    geboorte: { datum: datum(p.geboortedatum), land: herkomst.geboorteland },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: p.nationaliteit, redenOpname: { code: '017', omschrijving: 'Rijkswet op het Nederlanderschap 1984, art. 3, lid 1' } }],
    ouders: syntheticOuders(p),
    ...familie(p, gezin, gemeente.naam),
    gemeenteVanInschrijving: { code: gemeentecode, omschrijving: gemeente.naam },
    datumInschrijvingInGemeente: datum(inschrijvingGemeente(historie)),
    verblijfplaats: adresVan(historie[0]),
  };
  Object.assign(persoon, verblijf(herkomst, today));
  if (p.overlijdensdatum) {
    persoon.overlijden = { datum: datum(p.overlijdensdatum), land: { code: '6030', omschrijving: 'Nederland' } };
  } else {
    persoon.leeftijd = ageOn(p.geboortedatum, today);
    const gezag = gezagVan({ ...persoon, eenhoofdig: gezin.eenhoofdigGezag } as GezagBron, () => undefined);
    if (gezag) persoon.gezag = gezag;
  }
  // The postal form, by the same rules as for RvIG's test persons.
  const adressering = adresseringVan(persoon);
  if (adressering) persoon.adressering = adressering;
  return persoon;
}

/** A residence as the API's Adres, with its datum aanvang adreshouding. */
function adresVan(w: Woonplaats): Record<string, unknown> {
  return {
    type: 'Adres',
    verblijfadres: {
      officieleStraatnaam: w.adres.straat, korteStraatnaam: w.adres.straat.slice(0, 24), huisnummer: w.adres.huisnummer,
      postcode: w.adres.postcode.replace(' ', ''), woonplaats: w.adres.woonplaats,
    },
    functieAdres: { code: 'W', omschrijving: 'woonadres' },
    datumVan: datum(w.vanaf),
  };
}

/**
 * The address history (verblijfplaatshistorie, historie.ts) of a person, newest first: RvIG's test
 * persons from categories 08 and 58; a synthetic person's residences since birth or, born abroad,
 * since settling here (population/verblijf.ts `woonhistorie`).
 */
export function verblijfplaatshistorie(p: SynthPersoon, regions: RegionRegistry, peildatum: string): Record<string, unknown>[] {
  if (p.brp) return (p.brp[LO3_VERBLIJFPLAATSHISTORIE] as Record<string, unknown>[] | undefined) ?? [];
  return woonhistorie(p, regions.gemeenten(), peildatum).map((w, i, alle) => ({
    ...adresVan(w),
    gemeenteVanInschrijving: { code: w.gemeenteCode.slice(2), omschrijving: regions.get(w.gemeenteCode)?.naam ?? w.adres.woonplaats },
    ...(i > 0 ? { datumTot: datum(alle[i - 1].vanaf) } : {}),
  }));
}

/** Immigration and a residence title still valid on `today`, in the API's shapes. */
function verblijf(h: Herkomst, today: Date): BrpPersoon {
  const result: BrpPersoon = {};
  if (h.immigratie) {
    result.immigratie = { landVanwaarIngeschreven: h.immigratie.landVanwaarIngeschreven, datumVestigingInNederland: datum(h.immigratie.datumVestigingInNederland), indicatieVestigingVanuitBuitenland: true };
  }
  const t = h.verblijfstitel;
  if (t && t.datumIngang <= isoDate(today) && (!t.datumEinde || t.datumEinde > isoDate(today))) {
    result.verblijfstitel = { aanduiding: { code: t.code, omschrijving: t.omschrijving }, ...(t.datumEinde ? { datumEinde: datum(t.datumEinde) } : {}), datumIngang: datum(t.datumIngang) };
  }
  return result;
}

/** Partner and children without BSN (they are not in the population), as categories 05 and 09 hold them. */
function familie(p: SynthPersoon, gezin: ReturnType<typeof gezinVan>, gemeentenaam: string): BrpPersoon {
  const result: BrpPersoon = {};
  const naam = (voornamen: string, geslachtsnaam: string) => ({ voornamen, geslachtsnaam, voorletters: voorletters(voornamen) });
  if (gezin.partner) {
    const q = gezin.partner;
    result.partners = [{
      geslacht: GESLACHT[q.geslacht], soortVerbintenis: q.soort === 'H' ? { code: 'H', omschrijving: 'huwelijk' } : { code: 'P', omschrijving: 'geregistreerd partnerschap' },
      naam: naam(q.voornamen, q.geslachtsnaam), geboorte: { datum: datum(q.geboortedatum), land: { code: '6030', omschrijving: 'Nederland' } },
      aangaanHuwelijkPartnerschap: { datum: datum(q.sinds), plaats: { code: p.gemeenteCode.slice(2), omschrijving: gemeentenaam }, land: { code: '6030', omschrijving: 'Nederland' } },
    }];
  }
  if (gezin.kinderen.length) {
    result.kinderen = gezin.kinderen.map((k) => ({ naam: naam(k.voornamen, k.geslachtsnaam), geboorte: { datum: datum(k.geboortedatum), land: { code: '6030', omschrijving: 'Nederland' } } }));
  }
  return result;
}

/**
 * Applies the BRP `fields` parameter as the feature files specify (fields.feature,
 * fields-datum.feature, fields-tabelwaarde.feature): dotted paths select parts of the person;
 * arrays are filtered element by element; a polymorphic object keeps its `type` marker; a table
 * value (code + omschrijving) and a date (type, datum, langFormaat, ...) are delivered whole when
 * a part is asked; a group the person does not have gets no key at all. Paths were validated
 * beforehand.
 */
export function selectFields(persoon: BrpPersoon, fields: string[]): BrpPersoon {
  const selected: BrpPersoon = {};
  for (const field of fields) copyPath(persoon, selected, field.split('.'));
  return selected;
}

const isTableValue = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 2 && 'code' in v && 'omschrijving' in v;

/** A date (Datum, JaarDatum, JaarMaandDatum, DatumOnbekend) is delivered whole whichever part is asked (fields.feature). */
const isDate = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === 'string' && /Datum$|^DatumOnbekend$/.test((v as { type: string }).type);

/** Copies `path` of `from` into `to`; returns whether anything was copied. */
function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: string[]): boolean {
  const [head, ...rest] = path;
  const value = from[head];
  if (value === undefined || value === null) return false;
  if (rest.length === 0) { to[head] = value; return true; }
  // gezag is delivered whole: every relation needs its minderjarige and the names the schema requires.
  if (isTableValue(value) || isDate(value) || head === 'gezag') { to[head] = value; return true; }
  if (Array.isArray(value)) {
    // Every element is delivered, as an empty object when none of the asked fields has a value
    // (kind/kinderen.feature: "met fields vragen om een gegeven zonder waarde").
    if (value.length === 0) return false;
    const target = (to[head] as Record<string, unknown>[] | undefined) ?? value.map(() => ({}));
    value.forEach((item, i) => { copyInto(item as Record<string, unknown>, target[i], rest); });
    to[head] = target;
    return true;
  }
  if (typeof value === 'object') {
    const target = (to[head] as Record<string, unknown> | undefined) ?? {};
    if (!copyInto(value as Record<string, unknown>, target, rest)) return false;
    to[head] = target;
    return true;
  }
  return false;
}

/** One level down, keeping the object's `type` marker when something below it was copied. */
function copyInto(from: Record<string, unknown>, to: Record<string, unknown>, rest: string[]): boolean {
  if (!copyPath(from, to, rest)) return false;
  if (typeof from.type === 'string') to.type = from.type;
  return true;
}
