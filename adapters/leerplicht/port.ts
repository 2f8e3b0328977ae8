import type { Aanroep } from '../../lib/sources/source';
/** What the doorstroom subgraph needs from a leerplicht/Doorstroompunt case system. */
export interface Instelling { brin: string; naam: string }
export interface Medewerker { id: string; naam: string }

export interface Verzuimmelding {
  id: string; soort: 'ABSOLUUT' | 'RELATIEF' | 'LUXE'; datum: string; uren: number; instelling: Instelling; status: 'OPEN' | 'AFGEHANDELD';
}
export interface VsvMelding { id: string; datum: string; instelling: Instelling; reden: string }
export type DoorstroomStatus = 'AANGEMELD' | 'ACTIEF' | 'AFGESLOTEN';
export interface Doorstroomtraject {
  id: string;
  aanleiding: 'VSV' | 'JONGEREN_IN_BEELD' | 'ZELFMELDING';
  coach: Medewerker;
  status: DoorstroomStatus;
  startdatum: string;
  einddatum: string | null;
  uitkomst: 'ONDERWIJS' | 'WERK' | 'GEEN_CONTACT' | null;
  contactmomenten: { datum: string; soort: 'GESPREK' | 'TELEFOON' | 'HUISBEZOEK' | 'BERICHT' }[];
}

export interface DoorstroomDossier {
  bsn: string;
  gemeenteCode: string;
  startkwalificatie: boolean;
  verzuimmeldingen: Verzuimmelding[];
  vsvMeldingen: VsvMelding[];
  /** Oldest first; the last one is the current trajectory. */
  trajecten: Doorstroomtraject[];
}

export interface Caseloadzoekopdracht {
  gemeenten?: string[];
  geboortedatumVanaf?: string;
  geboortedatumTot?: string;
  zonderStartkwalificatie?: boolean;
  status?: DoorstroomStatus;
  /** Keyset cursor: only BSNs after this one. */
  na?: string;
  limiet: number;
}

export interface DoorstroomBron {
  readonly batchSize: number;
  /** The largest page the system returns in one search. */
  readonly maxPageSize: number;
  dossiers(bsns: string[], aanroep?: Aanroep): Promise<Map<string, DoorstroomDossier>>;
  /** `totaal` counts every match (all pages); `meer` tells whether matches follow this page. */
  zoek(q: Caseloadzoekopdracht, aanroep?: Aanroep): Promise<{ totaal: number; bsns: string[]; meer: boolean }>;
}
