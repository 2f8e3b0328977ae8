import { addDays, addYears, ageOn, langFormaat } from '../../lib/dates';
import { GESLACHTSNAMEN, MET_VOORVOEGSEL, VOORNAMEN_M, VOORNAMEN_V } from '../../population/catalog';
import { Draw } from '../../population/random';
import type { RegionRegistry } from '../../lib/regions';
import { adresseringVan, voorletters } from '../../population/lo3';
import type { SynthPersoon } from '../../population/types';

/** A person as the Haal Centraal BRP API Personen v2 returns it (the subset this project fills). */
export type BrpPersoon = Record<string, unknown>;

const GESLACHT = { M: { code: 'M', omschrijving: 'man' }, V: { code: 'V', omschrijving: 'vrouw' }, O: { code: 'O', omschrijving: 'onbekend' } } as const;

function datum(iso: string) {
  return { type: 'Datum', datum: iso, langFormaat: langFormaat(iso) };
}


/** An RvIG test person as the API answers on `today`: the converted record plus `leeftijd` (none for the deceased or an unknown birth date). */
export function testpersoonOp(record: Record<string, any>, today: Date): BrpPersoon {
  const geboren = record.geboorte?.datum?.type === 'Datum' ? record.geboorte.datum.datum as string : undefined;
  return !record.overlijden && geboren ? { ...record, leeftijd: ageOn(geboren, today) } : { ...record };
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

/** The full BRP view of a person on `today`; `fields` selection happens afterwards. */
export function toBrpPersoon(p: SynthPersoon, regions: RegionRegistry, today: Date): BrpPersoon {
  if (p.brp) return testpersoonOp(p.brp, today);
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
    geboorte: { datum: datum(p.geboortedatum), land: { code: '6030', omschrijving: 'Nederland' } },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: p.nationaliteit, redenOpname: { code: '017', omschrijving: 'Rijkswet op het Nederlanderschap 1984, art. 3, lid 1' } }],
    ouders: syntheticOuders(p),
    gemeenteVanInschrijving: { code: gemeentecode, omschrijving: gemeente.naam },
    verblijfplaats: {
      type: 'Adres',
      verblijfadres: {
        officieleStraatnaam: p.adres.straat,
        korteStraatnaam: p.adres.straat.slice(0, 24),
        huisnummer: p.adres.huisnummer,
        postcode: p.adres.postcode.replace(' ', ''),
        woonplaats: p.adres.woonplaats,
      },
      functieAdres: { code: 'W', omschrijving: 'woonadres' },
    },
  };
  if (p.overlijdensdatum) {
    persoon.overlijden = { datum: datum(p.overlijdensdatum), land: { code: '6030', omschrijving: 'Nederland' } };
  } else {
    persoon.leeftijd = ageOn(p.geboortedatum, today);
  }
  // The postal form, by the same rules as for RvIG's test persons.
  const adressering = adresseringVan(persoon);
  if (adressering) persoon.adressering = adressering;
  return persoon;
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
  if (isTableValue(value) || isDate(value)) { to[head] = value; return true; }
  if (Array.isArray(value)) {
    const target = (to[head] as Record<string, unknown>[] | undefined) ?? value.map(() => ({}));
    let any = false;
    value.forEach((item, i) => { any = copyInto(item as Record<string, unknown>, target[i], rest) || any; });
    if (any) to[head] = target.filter((t) => Object.keys(t).length > 0);
    return any;
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
