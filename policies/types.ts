/** The register of processing activities, as loaded and validated from policies/verwerkingsregister.yaml. */
export interface Categorie {
  id: string; omschrijving: string; bijzonder: boolean; openbaar: boolean; strafrechtelijk: boolean;
  /** Data of this category the layer keeps itself: for how long after the row's date, and under which activity. */
  opslag?: { bewaartermijn: string; activiteit: string };
}
export interface Rol { id: string; omschrijving: string; organisatie: 'gemeente' | 'school' | 'geen' }
export type RegioScope = 'gemeente' | 'arbeidsmarktregio' | 'doorstroompuntregio';

export interface Voorwaarden {
  /** Age bounds on the day of access as the law writes them, "van A tot B jaar": `van` included, `tot` excluded. */
  leeftijd?: { van: number; tot: number };
  /** The employee may only see people living in this region of their own municipality. */
  regio?: RegioScope;
  /** Only students (current or former) of the employee's own school. */
  eigenStudenten?: boolean;
  /** Only within this many months after the person's diploma at the employee's school (or after leaving it: `nazorgVanaf`). */
  nazorgMaanden?: number;
  /** What opens the nazorg window: the diploma (mbo, the default) or leaving the school with or without one (pro and vso). */
  nazorgVanaf?: 'diploma' | 'uitschrijving';
  /** Only the young person's own data (self-service). */
  alleenEigenGegevens?: boolean;
  /** Figures only for the regions the employee's municipality belongs to (itself, its arbeidsmarktregio, its Doorstroompunt region). */
  eigenRegios?: boolean;
  /**
   * A statutory exclusion (Participatiewet art. 7 lid 3 onder a): while the person is under
   * `totLeeftijd` and the condition holds (`ingeschreven`: enrolled in funded education, per DUO),
   * the activity covers only the categories in `behalve` — what is needed to establish it.
   */
  uitsluiting?: { wanneer: 'ingeschreven'; totLeeftijd: number; grondslag: string; behalve: string[] };
}

export interface Verwerkingsactiviteit {
  id: string;
  versie: number;
  geldigVanaf: string;
  /** The controller of this activity (AVG art. 4 sub 7). */
  verwerkingsverantwoordelijke: string;
  naam: string;
  doel: string;
  grondslag: { wet: string; artikel: string; avg6: 'a' | 'b' | 'c' | 'd' | 'e' | 'f'; avg9?: string; avg10?: string };
  rollen: string[];
  /** Granted without further condition on the person (besides `voorwaarden`). */
  categorieen: string[];
  /** Granted only when the young person consented to this activity. */
  metToestemming: string[];
  /** Fields (`Type.veld`) withheld even though their category is granted. */
  uitgezonderd: string[];
  /**
   * Categories this activity may use only as sources of one derived field (`@afgeleid`), never
   * see directly: e.g. work and benefits in the out-of-sight signal. Each with its legal basis.
   */
  afgeleid: { veld: string; categorieen: string[]; grondslag: string }[];
  voorwaarden: Voorwaarden;
  bewaartermijn: string;
  /** `<basisUri>/<id>/versies/<versie>`: what audit records point at. */
  uri: string;
}

export interface Register {
  naam: string;
  /** The longest a consent may be given for (ISO 8601 duration, e.g. P2Y). */
  toestemmingMaxTermijn: string;
  verwerkingsverantwoordelijke: string;
  basisUri: string;
  categorieen: Map<string, Categorie>;
  rollen: Map<string, Rol>;
  /** Every version of every activity. */
  activiteiten: Verwerkingsactiviteit[];
}

/** A decision on one field for one request: a value with a reason, never an exception. */
export type Besluit =
  | { uitkomst: 'TOEGESTAAN' }
  | { uitkomst: 'GEEN_GRONDSLAG'; categorie: string; reden: string }
  | { uitkomst: 'GEEN_TOESTEMMING'; categorie: string; reden: string }
  | { uitkomst: 'BUITEN_BEREIK'; reden: string }
  /** Scope cannot be decided: a fact it needs is missing, unsigned, or its source is down (fail closed). */
  | { uitkomst: 'ONVERIFIEERBAAR'; reden: string; bron: string }
  /** A rule of the register's consent model refuses the change, with its own stable code. */
  | { uitkomst: 'NIET_TOEGESTAAN'; code: Regelcode; reden: string };

/** The stable codes of the consent model's rules (lib/errors.ts). */
export type Regelcode = 'CONSENT_NOT_OWN_PROCESSING' | 'CONSENT_FOUR_EYES' | 'CONSENT_EVIDENCE_REQUIRED' | 'CONSENT_NOT_FOUND';
