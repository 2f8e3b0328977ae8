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

/**
 * Youth protection (48) and juvenile probation (47) in iJw code list JZ020: data on criminal-law
 * measures (AVG art. 10), served only under their own category, never as ordinary care.
 */
export const JUSTITIELE_PRODUCTCATEGORIEEN: ReadonlySet<string> = new Set(['47', '48']);
export const isJustitieel = (t: Zorgtoewijzing) => t.wet === 'JEUGDWET' && JUSTITIELE_PRODUCTCATEGORIEEN.has(t.productcategorie.code);

/** Current on `today`: care has started, has not stopped, and the allocation period holds today. */
export function isLopend(t: Zorgtoewijzing, today: string): boolean {
  return t.startZorg !== null && t.stopZorg === null && t.begindatum <= today && (t.einddatum === null || t.einddatum >= today);
}

/** Current on a past day `d`: care had started by then and not yet stopped, and the allocation period held that day. */
export function lopendOp(t: Zorgtoewijzing, d: string): boolean {
  return t.startZorg !== null && t.startZorg <= d && (t.stopZorg === null || t.stopZorg > d) && t.begindatum <= d && (t.einddatum === null || t.einddatum >= d);
}
