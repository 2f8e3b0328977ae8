import type { Aanroep } from '../../lib/sources/source';
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
 * Youth protection (jeugdbescherming, 48) and juvenile probation (jeugdreclassering, 47) in iJw
 * code list JZ020: measures a court imposes, never ordinary care, each served under a category of
 * its own. Juvenile probation follows a criminal case: criminal-law data (AVG art. 10). Youth
 * protection (supervision order, guardianship) is a civil-law measure (Burgerlijk Wetboek book 1):
 * sensitive, but not criminal-law data.
 */
export const JUSTITIELE_PRODUCTCATEGORIEEN: ReadonlySet<string> = new Set(['47', '48']);
export const isJustitieel = (t: Zorgtoewijzing) => t.wet === 'JEUGDWET' && JUSTITIELE_PRODUCTCATEGORIEEN.has(t.productcategorie.code);
export const isJeugdreclassering = (t: Zorgtoewijzing) => t.wet === 'JEUGDWET' && t.productcategorie.code === '47';
export const isJeugdbescherming = (t: Zorgtoewijzing) => t.wet === 'JEUGDWET' && t.productcategorie.code === '48';

/** Current on `today`: care has started, has not stopped, and the allocation period holds today. */
export function isLopend(t: Zorgtoewijzing, today: string): boolean {
  return t.startZorg !== null && t.stopZorg === null && t.begindatum <= today && (t.einddatum === null || t.einddatum >= today);
}

/** Current on a past day `d`: care had started by then and not yet stopped, and the allocation period held that day. */
export function lopendOp(t: Zorgtoewijzing, d: string): boolean {
  return t.startZorg !== null && t.startZorg <= d && (t.stopZorg === null || t.stopZorg > d) && t.begindatum <= d && (t.einddatum === null || t.einddatum >= d);
}
