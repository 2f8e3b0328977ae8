import type { Aanroep } from '../../lib/sources/source';
/** What the participatie subgraph needs from a Participatiewet suite. */
export interface Medewerker { id: string; naam: string }
export interface Uitkering { soort: 'ALGEMENE_BIJSTAND' | 'BBZ'; sinds: string }
export interface Reintegratietraject {
  id: string;
  soort: 'WERKFIT' | 'SCHOLING' | 'JOBCOACHING' | 'LOONKOSTENSUBSIDIE' | 'BESCHUT_WERK';
  werkcoach: Medewerker;
  startdatum: string;
  einddatum: string | null;
  uitkomst: 'LOPEND' | 'WERK' | 'ONDERWIJS' | 'UITGEVALLEN';
}
export interface JongerenInBeeldSignaal { maand: string; opgenomenSinds: string }
/** Paid employment (Polis, the UWV's employment register, via Suwinet). */
export interface Dienstverband { begindatum: string; einddatum: string | null; urenPerWeek: number }

/** A person's file in the suite; someone unknown to the suite has the empty file. */
export interface ParticipatieDossier {
  uitkering: Uitkering | null;
  /** Oldest first. */
  trajecten: Reintegratietraject[];
  jongerenInBeeld: JongerenInBeeldSignaal | null;
  /** Oldest first. */
  dienstverbanden: Dienstverband[];
}
export const LEEG_PARTICIPATIEDOSSIER: ParticipatieDossier = Object.freeze({ uitkering: null, trajecten: [], jongerenInBeeld: null, dienstverbanden: [] }) as ParticipatieDossier;

export interface ParticipatieAantallen { metUitkering: number; metTraject: number; jongerenInBeeld: number }

export interface ParticipatieBron {
  readonly batchSize: number;
  dossiers(bsns: string[], aanroep?: Aanroep): Promise<Map<string, ParticipatieDossier>>;
  aantallen(gemeenteCode: string, aanroep?: Aanroep): Promise<ParticipatieAantallen>;
}
