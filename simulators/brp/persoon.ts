import { ageOn, langFormaat } from '../../lib/dates';
import type { RegionRegistry } from '../../lib/regions';
import type { SynthPersoon } from '../../population/types';

/** A person as the Haal Centraal BRP API Personen v2 returns it (the subset this project fills). */
export type BrpPersoon = Record<string, unknown>;

const GESLACHT = { M: { code: 'M', omschrijving: 'man' }, V: { code: 'V', omschrijving: 'vrouw' } } as const;

function datum(iso: string) {
  return { type: 'Datum', datum: iso, langFormaat: langFormaat(iso) };
}

function voorletters(voornamen: string): string {
  return voornamen.split(' ').map((n) => `${n[0]}.`).join('');
}

/** The full BRP view of a synthetic person on `today`; `fields` selection happens afterwards. */
export function toBrpPersoon(p: SynthPersoon, regions: RegionRegistry, today: Date): BrpPersoon {
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
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: p.nationaliteit, redenOpname: { code: '001', omschrijving: 'Wet op het Nederlanderschap 1892' } }],
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
  return persoon;
}

/**
 * Applies the BRP `fields` parameter: dotted paths select parts of the person; arrays are
 * filtered element by element. Returns the selection, or the first path that names no field.
 */
export function selectFields(persoon: BrpPersoon, fields: string[], known: Set<string>): { selected: BrpPersoon } | { unknown: string } {
  const selected: BrpPersoon = {};
  for (const field of fields) {
    const path = field.split('.');
    if (!known.has(path[0])) return { unknown: field };
    copyPath(persoon, selected, path);
  }
  return { selected };
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  const value = from[head];
  if (value === undefined) return;
  if (rest.length === 0) { to[head] = value; return; }
  if (Array.isArray(value)) {
    const target = (to[head] as Record<string, unknown>[] | undefined) ?? value.map(() => ({}));
    value.forEach((item, i) => copyPath(item as Record<string, unknown>, target[i], rest));
    to[head] = target;
  } else if (typeof value === 'object' && value !== null) {
    const target = (to[head] as Record<string, unknown> | undefined) ?? {};
    copyPath(value as Record<string, unknown>, target, rest);
    to[head] = target;
  }
}
