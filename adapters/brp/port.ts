import type { Aanroep } from '../../lib/sources/source';
/** What the basis subgraph needs from a BRP, whatever product serves it. */
export interface Persoonsgegevens {
  bsn: string;
  voornamen: string | null;
  voorvoegsel: string | null;
  geslachtsnaam: string | null;
  volledigeNaam: string | null;
  /** 'M', 'V' or 'O' (onbekend) as in the BRP's geslacht table. */
  geslacht: string | null;
  geboortedatum: string | null;
  overlijdensdatum: string | null;
  nationaliteiten: string[];
  /** CBS code of the municipality of registration, `GMxxxx`. */
  gemeenteCode: string | null;
  adres: { straat: string | null; huisnummer: number | null; huisletter: string | null; toevoeging: string | null; postcode: string | null; woonplaats: string | null } | null;
}

export interface BrpBron {
  /** The most BSNs one call may carry. */
  readonly batchSize: number;
  /** The people found, by BSN; unknown BSNs are absent. */
  personen(bsns: string[], aanroep?: Aanroep): Promise<Map<string, Persoonsgegevens>>;
  /** The BSNs of everyone with this surname (any case) and full date of birth. */
  zoek(geslachtsnaam: string, geboortedatum: string, aanroep?: Aanroep): Promise<string[]>;
}
