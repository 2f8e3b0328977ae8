import type { Persoonsgegevens } from '../port';
import type { components } from './types';

type Persoon = components['schemas']['Persoon'];
type AbstractDatum = components['schemas']['AbstractDatum'] & { datum?: string };

/**
 * The BRP fields this adapter asks for: exactly what mapPersoon reads, so the layer needs (and
 * its afnemer authorisation grants) nothing more.
 */
export const BRP_FIELDS = ['burgerservicenummer', 'naam.voornamen', 'naam.voorvoegsel', 'naam.geslachtsnaam', 'naam.volledigeNaam', 'geslacht',
  'geboorte.datum', 'overlijden.datum', 'nationaliteiten.nationaliteit', 'gemeenteVanInschrijving',
  ...['officieleStraatnaam', 'korteStraatnaam', 'huisnummer', 'huisletter', 'huisnummertoevoeging', 'postcode', 'woonplaats'].map((f) => `verblijfplaats.verblijfadres.${f}`)];

/** The afnemer identity (OIN) the layer presents to the BRP API, whose authorisation RvIG keeps. */
export const BRP_AFNEMER_OIN = '00000001823288444000';

/** A full date, or null for partly unknown dates (JaarDatum, JaarMaandDatum, DatumOnbekend). */
export function volledigeDatum(d: AbstractDatum | undefined): string | null {
  return d && d.type === 'Datum' && typeof d.datum === 'string' ? d.datum : null;
}

/** Postcode as "1234 AB", the way people write it. */
export function formatPostcode(p: string | undefined): string | null {
  if (!p) return null;
  const compact = p.replace(/\s/g, '').toUpperCase();
  return /^\d{4}[A-Z]{2}$/.test(compact) ? `${compact.slice(0, 4)} ${compact.slice(4)}` : compact;
}

export function mapPersoon(p: Persoon): Persoonsgegevens {
  const naam = p.naam ?? {};
  const verblijf = p.verblijfplaats as (Persoon['verblijfplaats'] & { verblijfadres?: Record<string, unknown> }) | undefined;
  const adres = verblijf?.type === 'Adres' && verblijf.verblijfadres ? verblijf.verblijfadres : undefined;
  const nationaliteiten = (p.nationaliteiten ?? []).flatMap((n) => {
    const omschrijving = (n as { nationaliteit?: { omschrijving?: string } }).nationaliteit?.omschrijving;
    return omschrijving ? [omschrijving] : [];
  });
  return {
    bsn: p.burgerservicenummer!,
    voornamen: naam.voornamen ?? null,
    voorvoegsel: naam.voorvoegsel ?? null,
    geslachtsnaam: naam.geslachtsnaam ?? null,
    volledigeNaam: naam.volledigeNaam ?? null,
    geslacht: p.geslacht?.code ?? null,
    geboortedatum: volledigeDatum(p.geboorte?.datum as AbstractDatum | undefined),
    overlijdensdatum: volledigeDatum(p.overlijden?.datum as AbstractDatum | undefined),
    nationaliteiten,
    gemeenteCode: p.gemeenteVanInschrijving?.code ? `GM${p.gemeenteVanInschrijving.code}` : null,
    adres: adres ? {
      straat: (adres.officieleStraatnaam as string | undefined) ?? (adres.korteStraatnaam as string | undefined) ?? null,
      huisnummer: (adres.huisnummer as number | undefined) ?? null,
      huisletter: (adres.huisletter as string | undefined) ?? null,
      toevoeging: (adres.huisnummertoevoeging as string | undefined) ?? null,
      postcode: formatPostcode(adres.postcode as string | undefined),
      woonplaats: (adres.woonplaats as string | undefined) ?? null,
    } : null,
  };
}
