import type { Zorgtoewijzing } from '../../adapters/zorg/port';
import type { Dienstverband, Reintegratietraject, Uitkering } from '../../adapters/participatie/port';
import type { Doorstroomtraject } from '../../adapters/leerplicht/port';
import type { Onderwijshistorie } from '../onderwijs/history';

/**
 * What the monitor knows of one person while it computes: keyed by a pseudonym (never the BSN),
 * held only in memory for the computation and dropped with it.
 */
export interface Persoonsfeiten {
  pseudoniem: string;
  /** The person's fixed record key for the cell key method (celsleutel.ts): a number, not linkable to the BSN without the secret. */
  sleutel: number;
  gemeente: string;
  geboortedatum: string;
  onderwijs: Onderwijshistorie;
  uitkering: Uitkering | null;
  reintegratie: Reintegratietraject[];
  werk: Dienstverband[];
  doorstroom: Doorstroomtraject[];
  zorg: Zorgtoewijzing[];
}
