import { huidigeVersie } from './register';
import type { Besluit, Register, Verwerkingsactiviteit } from './types';

/**
 * The consent model (AVG art. 7 and recital 43; EDPB guidelines 05/2020), as pure decisions on the
 * register, the caller and a stored consent. A consent the young person gives themself (signed in)
 * is active at once; one an employee records is pending until the young person confirms it, or until
 * evidence of it is attached and a second employee of the same organisation confirms it. An
 * organisation records, confirms, withdraws and sees consent only for its own processing.
 */

/** Who recorded a consent, its confirmation or its withdrawal: the young person, or an employee on their behalf. */
export interface Vastlegger {
  door: 'JONGERE' | 'MEDEWERKER';
  /** The employee (token subject) when `door` is MEDEWERKER. */
  medewerker?: string | null;
  organisatie?: string | null;
  /** The activity version (`id@versie`) the change was recorded under. */
  activiteit?: string | null;
}
/** Evidence that the young person agreed (a signed form, a recorded conversation), attached by the employee who recorded it. */
export interface Bewijs { soort: string; referentie: string; datum: string }
/** The young person's request to withdraw a consent, recorded by the employee who took it. */
export interface Intrekkingsverzoek { datum: string; kanaal: string; referentie?: string | null }

/** What the rules read of a stored consent. */
export interface ToestemmingFeit {
  bsn: string;
  activiteit: string;
  categorieen: string[] | null;
  ontvanger?: { soort: 'ROL' | 'ORGANISATIE'; waarde: string } | null;
  status: 'ACTIEF' | 'IN_AFWACHTING';
  geldigTot?: string | null;
  ingetrokkenOp: string | null;
  vastgelegd?: Vastlegger | null;
  bewijs?: Bewijs | null;
}

/** The caller: a young person (self-service) or an employee of an organisation in a role. */
export interface Wie { zelf: boolean; bsn: string | null; medewerker: string; rol: string; organisatie: string | null }

export type ToestemmingStatus = 'IN_AFWACHTING' | 'ACTIEF' | 'INGETROKKEN' | 'VERLOPEN';

const TOEGESTAAN: Besluit = { uitkomst: 'TOEGESTAAN' };
const niet = (code: Extract<Besluit, { uitkomst: 'NIET_TOEGESTAAN' }>['code'], reden: string): Besluit => ({ uitkomst: 'NIET_TOEGESTAAN', code, reden });

/** A consent's state on `dag`: withdrawn, expired (its end date has come), pending, or active. */
export function statusOp(t: Pick<ToestemmingFeit, 'status' | 'geldigTot' | 'ingetrokkenOp'>, dag: string): ToestemmingStatus {
  if (t.ingetrokkenOp) return 'INGETROKKEN';
  if (t.geldigTot && t.geldigTot <= dag) return 'VERLOPEN';
  return t.status === 'IN_AFWACHTING' ? 'IN_AFWACHTING' : 'ACTIEF';
}

/** Whether an organisation works under this activity in this role, and so may act on its consents. */
function eigenVerwerking(register: Register, activiteit: string, wie: Wie, dag: string): boolean {
  return Boolean(huidigeVersie(register, activiteit, dag)?.rollen.includes(wie.rol));
}

/** Whether the consent concerns the caller's organisation: it receives the data, or it recorded the consent. */
function vanEigenOrganisatie(t: ToestemmingFeit, wie: Wie): boolean {
  return Boolean(wie.organisatie) && ((t.ontvanger?.soort === 'ORGANISATIE' && t.ontvanger.waarde === wie.organisatie) || t.vastgelegd?.organisatie === wie.organisatie);
}

/**
 * Recording: the young person records their own consent for any activity and recipient the register
 * allows; an employee only for an activity of their own role, with their own organisation as the
 * recipient (never widening what another service sees).
 */
export function magVastleggen(register: Register, wie: Wie, invoer: { bsn: string; activiteit: string; ontvanger: { soort: string; waarde: string } }, dag: string): Besluit {
  if (wie.zelf) return invoer.bsn === wie.bsn ? TOEGESTAAN : { uitkomst: 'BUITEN_BEREIK', reden: 'only the young person\'s own consent' };
  if (!eigenVerwerking(register, invoer.activiteit, wie, dag)) {
    return niet('CONSENT_NOT_OWN_PROCESSING', `a ${wie.rol} records consent only for an activity of its own role; ${invoer.activiteit} is another service's`);
  }
  if (invoer.ontvanger.soort !== 'ORGANISATIE' || invoer.ontvanger.waarde !== wie.organisatie) {
    return niet('CONSENT_NOT_OWN_PROCESSING', `an organisation records consent only with itself (${wie.organisatie}) as the recipient`);
  }
  return TOEGESTAAN;
}

/**
 * Confirming a pending consent: the young person confirms their own; an employee only one their own
 * organisation recorded, with evidence attached, and never one they recorded themselves (four eyes).
 */
export function magBevestigen(register: Register, t: ToestemmingFeit | null, wie: Wie, dag: string): Besluit {
  if (!t || statusOp(t, dag) !== 'IN_AFWACHTING') return niet('CONSENT_NOT_FOUND', 'no pending consent with this id for this person');
  if (wie.zelf) return t.bsn === wie.bsn ? TOEGESTAAN : { uitkomst: 'BUITEN_BEREIK', reden: 'only the young person\'s own consent' };
  if (t.vastgelegd?.organisatie !== wie.organisatie || !eigenVerwerking(register, t.activiteit, wie, dag)) {
    return niet('CONSENT_NOT_OWN_PROCESSING', 'an employee confirms only consent recorded by their own organisation for its own processing');
  }
  if (t.vastgelegd?.medewerker === wie.medewerker) return niet('CONSENT_FOUR_EYES', 'the employee who recorded a consent cannot confirm it: a second employee does');
  if (!t.bewijs) return niet('CONSENT_EVIDENCE_REQUIRED', 'attach evidence of the young person\'s consent (a signed form, a recorded conversation) before it is confirmed');
  return TOEGESTAAN;
}

/**
 * Withdrawing: the young person withdraws any consent of theirs; an employee withdraws their own
 * organisation's, or any consent on the young person's recorded request (which the record keeps).
 */
export function magIntrekken(t: ToestemmingFeit | null, wie: Wie, verzoek: Intrekkingsverzoek | null | undefined, dag: string): Besluit {
  const status = t ? statusOp(t, dag) : null;
  if (!t || status === 'INGETROKKEN') return niet('CONSENT_NOT_FOUND', 'no consent with this id for this person that can still be withdrawn');
  if (wie.zelf) return t.bsn === wie.bsn ? TOEGESTAAN : { uitkomst: 'BUITEN_BEREIK', reden: 'only the young person\'s own consent' };
  if (verzoek || vanEigenOrganisatie(t, wie)) return TOEGESTAAN;
  return niet('CONSENT_NOT_OWN_PROCESSING', 'an employee withdraws another organisation\'s consent only on the young person\'s recorded request (verzoek)');
}

/** Seeing: the young person sees all of theirs; an employee the consents of the activity they work under that concern their organisation or role. */
export function zichtbaar(t: ToestemmingFeit, activiteit: Verwerkingsactiviteit, wie: Wie): boolean {
  if (wie.zelf) return t.bsn === wie.bsn;
  if (t.activiteit !== activiteit.id) return false;
  return vanEigenOrganisatie(t, wie) || (t.ontvanger?.soort === 'ROL' && t.ontvanger.waarde === wie.rol) || !t.ontvanger;
}

/**
 * The categories a stored consent covers: those named when it was given, never more. A record
 * from before categories were stored is read as what the activity asked consent for in the version
 * in force when it was given, so a later version never widens it.
 */
export function gedekteCategorieen(register: Register, d: { activiteit: string; categorieen: string[] | null; registerversie: number | null; gegevenOp: string }): string[] {
  if (d.categorieen) return d.categorieen;
  const versie = d.registerversie !== null
    ? register.activiteiten.find((a) => a.id === d.activiteit && a.versie === d.registerversie)
    : huidigeVersie(register, d.activiteit, d.gegevenOp.slice(0, 10));
  return versie?.metToestemming ?? [];
}
