import type { Aanroep } from '../../lib/source';
/** What the zorg subgraph needs from a Wmo/Jeugdwet registry. */
export type Wet = 'JEUGDWET' | 'WMO';

export interface Zorgtoewijzing {
  toewijzingsnummer: string;
  wet: Wet;
  /** iJw code list JZ020 or iWmo code list WMO020. */
  productcategorie: { codelijst: 'JZ020' | 'WMO020'; code: string; omschrijving: string };
  aanbieder: { agbCode: string; naam: string };
  toewijzingsdatum: string;
  begindatum: string;
  einddatum: string | null;
  /** From JW305/WMO305 and JW307/WMO307 when received. */
  startZorg: string | null;
  stopZorg: string | null;
  /** JW301/WMO301 details: product code, scope, reason for change (JZ002), legal status (WJ232). */
  productcode: string;
  omvang: { volume: number; eenheid: Code; frequentie: Code };
  redenWijziging: Code | null;
  juridischeStatus: Code | null;
  /** JW307/WMO307: why care stopped (JZ588). */
  redenBeeindiging: Code | null;
}

/** A value from an iStandaarden code list. */
export interface Code { code: string; omschrijving: string }

export interface ZorgAantallen { jeugdwet: number; wmo: number }

export interface ZorgBron {
  readonly batchSize: number;
  /** Allocations by BSN, oldest first; people without allocations are absent. */
  toewijzingen(bsns: string[], aanroep?: Aanroep): Promise<Map<string, Zorgtoewijzing[]>>;
  aantallen(gemeenteCode: string, aanroep?: Aanroep): Promise<ZorgAantallen>;
}
