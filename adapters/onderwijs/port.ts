/** What the onderwijs subgraph needs from an education feed: files to ingest, per afnemer. */
export interface Levering { id: string; soort: 'C' | 'P'; afnemer: string; van: string; tot: string; aantalRegels: number }

export type Regelsoort = 'INSCHRIJVING' | 'UITSCHRIJVING' | 'DIPLOMA' | 'VSV';
export type Onderwijssoort = 'VO' | 'MBO' | 'HBO' | 'WO';

/** One row of a delivery, validated. Fields that a row kind does not carry are null. */
export interface Onderwijsregel {
  soort: Regelsoort;
  regelId: string;
  bsn: string;
  woongemeente: string;
  brin: string;
  instelling: string;
  onderwijssoort: Onderwijssoort | null;
  niveau: string | null;
  leerweg: 'BOL' | 'BBL' | null;
  opleidingscode: string | null;
  opleiding: string | null;
  datum: string;
  inschrijvingId: string;
}

/** A row that was skipped, with its 1-based line number in the file. */
export interface Regelfout { regel: number; melding: string }

export interface OnderwijsFeed {
  /** The deliveries for one afnemer (Doorstroompunt region or municipality), oldest first. */
  leveringen(afnemer: string): Promise<Levering[]>;
  bestand(id: string): Promise<string>;
  /** Requests a full delivery (C-levering) as of today. */
  volledig(afnemer: string): Promise<Levering>;
}
