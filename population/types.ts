/**
 * The ground truth of one synthetic young person, across every source system. The simulators
 * serve slices of it in their own API shapes; tests compare what the graph answers against it.
 */
export interface SynthPersoon {
  index: number;
  bsn: string;
  /** For RvIG's test persons: their BRP data as the Haal Centraal API answers it (converted from LO3). */
  brp?: Record<string, any>;
  geslacht: 'M' | 'V' | 'O';
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geboortedatum: string;
  overlijdensdatum?: string;
  nationaliteit: { code: string; omschrijving: string };
  gemeenteCode: string;
  adres: { straat: string; huisnummer: number; huisletter?: string; huisnummertoevoeging?: string; postcode: string; woonplaats?: string };
  onderwijs: { inschrijvingen: Inschrijving[]; diplomas: Diploma[]; vsv: VsvRegistratie[] };
  leerplicht: { verzuimmeldingen: Verzuimmelding[]; vsvMeldingen: VsvMelding[]; trajecten: DoorstroomTraject[] };
  participatie: { uitkering: Uitkering | null; trajecten: ReintegratieTraject[]; jongerenInBeeld: JongerenInBeeld | null; werk: Dienstverband[] };
  zorg: { toewijzingen: Zorgtoewijzing[] };
  /** The chance (0..1) that this person consents to an activity that asks it: lower for the vulnerable. */
  toestemmingskans: number;
}

/** A Polis-like employment signal (the UWV's record of paid employment): one employment, its period and hours. */
export interface Dienstverband { begindatum: string; einddatum: string | null; urenPerWeek: number }

export type Onderwijssoort = 'VO' | 'MBO' | 'HBO' | 'WO';

export interface Instelling { brin: string; naam: string }

export interface Inschrijving {
  id: string;
  instelling: Instelling;
  onderwijssoort: Onderwijssoort;
  /** praktijkonderwijs, vso, vmbo-b, vmbo-k, vmbo-gt, havo, vwo; mbo 1..4; hbo-bachelor; wo-bachelor, wo-master. */
  niveau: string;
  leerweg: 'BOL' | 'BBL' | null;
  opleidingscode: string;
  opleiding: string;
  begindatum: string;
  einddatum: string | null;
}

export interface Diploma {
  id: string;
  inschrijvingId: string;
  instelling: Instelling;
  onderwijssoort: Onderwijssoort;
  niveau: string;
  opleidingscode: string;
  opleiding: string;
  datum: string;
}

/** DUO's registration of an early school leaver (voortijdig schoolverlater). */
export interface VsvRegistratie { id: string; inschrijvingId: string; instelling: Instelling; datum: string }

export interface Medewerker { id: string; naam: string }

export interface Verzuimmelding {
  id: string;
  /** Leerplichtwet: absoluut (not enrolled), relatief (enrolled, absent), luxe (holiday leave). */
  soort: 'ABSOLUUT' | 'RELATIEF' | 'LUXE';
  datum: string;
  uren: number;
  instelling: Instelling;
  status: 'OPEN' | 'AFGEHANDELD';
}

export interface VsvMelding { id: string; datum: string; instelling: Instelling; reden: string }

export type DoorstroomStatus = 'AANGEMELD' | 'ACTIEF' | 'AFGESLOTEN';

export interface DoorstroomTraject {
  id: string;
  aanleiding: 'VSV' | 'JONGEREN_IN_BEELD' | 'ZELFMELDING';
  coach: Medewerker;
  status: DoorstroomStatus;
  startdatum: string;
  einddatum: string | null;
  uitkomst: 'ONDERWIJS' | 'WERK' | 'GEEN_CONTACT' | null;
  contactmomenten: { datum: string; soort: 'GESPREK' | 'TELEFOON' | 'HUISBEZOEK' | 'BERICHT' }[];
}

export interface Uitkering { soort: 'ALGEMENE_BIJSTAND' | 'BBZ'; sinds: string }

export interface ReintegratieTraject {
  id: string;
  soort: 'WERKFIT' | 'SCHOLING' | 'JOBCOACHING' | 'LOONKOSTENSUBSIDIE' | 'BESCHUT_WERK';
  werkcoach: Medewerker;
  startdatum: string;
  einddatum: string | null;
  uitkomst: 'LOPEND' | 'WERK' | 'ONDERWIJS' | 'UITGEVALLEN';
}

/** Inlichtingenbureau's monthly Jongeren in Beeld signal (23-27, no SK, no school, work or benefit). */
export interface JongerenInBeeld { maand: string; opgenomenSinds: string }

export interface Zorgtoewijzing {
  id: string;
  wet: 'JEUGDWET' | 'WMO';
  productcategorie: { code: string; omschrijving: string };
  aanbieder: { agb: string; naam: string };
  /** JW301/WMO301: the allocation message's date. */
  toewijzingsdatum: string;
  begindatum: string;
  einddatum: string | null;
  /** JW305/WMO305 (start of care) and JW307/WMO307 (stop of care) when received. */
  startZorg: string | null;
  stopZorg: string | null;
  /** JW301/WMO301: the municipality's product code within the category. */
  productcode: string;
  /** JW301/WMO301: scope as volume x unit (WJ756) per frequency (WJ757). */
  omvang: { volume: number; eenheid: Code; frequentie: Code };
  /** JW301: why the allocation was changed (JZ002), when it was ended early. */
  redenWijziging: Code | null;
  /** JW301: the legal status (WJ232), for youth protection and juvenile probation. */
  juridischeStatus: Code | null;
  /** JW307/WMO307: why care stopped (JZ588). */
  redenBeeindiging: Code | null;
}

/** A value from an iStandaarden code list. */
export interface Code { code: string; omschrijving: string }
