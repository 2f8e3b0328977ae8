import { addDays, addMonths, addYears, isKalenderdatum, isoDate } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';
import { activiteitRef, huidigeVersie } from '../../policies/register';
import type { Register } from '../../policies/types';
import type { Bewijs, Intrekkingsverzoek, Ontvanger } from '../../stores/consent';

export interface ToestemmingInvoer {
  bsn: string; activiteit: string; categorieen: string[]; ontvanger: Ontvanger; doel: string; geldigTot: string; bewijs?: Bewijs | null;
}

const ORGANISATIE = /^(GM\d{4}|\d{2}[A-Z]{2})$/;
const bad = (message: string, argument: string) => new AppError('BAD_USER_INPUT', message, { argument });

/** The day a term (ISO 8601 duration such as P2Y, P18M, P90D) after `dag` ends. */
export function naTermijn(dag: string, termijn: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(termijn);
  if (!m) throw new RangeError(`a term must be an ISO 8601 duration such as P2Y; received "${termijn}"`);
  return addDays(addMonths(addYears(dag, Number(m[1] ?? 0)), Number(m[2] ?? 0)), Number(m[3] ?? 0));
}

/** A calendar date sent by a client, not after today. */
function verleden(v: string, dag: string, argument: string): string {
  if (!isKalenderdatum(v) || v > dag) throw bad(`${argument} must be a calendar date (yyyy-mm-dd) not after today; received "${String(v).slice(0, 20)}"`, argument);
  return v;
}

/** A short reference (1-200 characters). */
function referentie(v: string, argument: string): string {
  const t = v.trim();
  if (t.length < 1 || t.length > 200) throw bad(`${argument} must be 1 to 200 characters`, argument);
  return t;
}

/**
 * Checks a consent against the register before it is stored: the activity exists and asks consent
 * for every category named (in the version in force today, which the record keeps), the recipient
 * is one of its roles or an organisation code, the purpose is said, the end date is a calendar
 * date after today and at most the register's maximum term ahead, and evidence, when attached, is
 * complete. Who may record it is the consent model's rule (policies/toestemming.ts).
 */
export function controleerInvoer(invoer: ToestemmingInvoer, register: Register, today: Date): ToestemmingInvoer & { registerversie: number } {
  const dag = isoDate(today);
  const inForce = huidigeVersie(register, invoer.activiteit, dag);
  if (!inForce) throw new AppError('UNKNOWN_ACTIVITY', `no processing activity "${invoer.activiteit}" is in force`, { argument: 'invoer.activiteit' });
  const categorieen = [...new Set(invoer.categorieen)];
  if (!categorieen.length) throw bad('categorieen must name at least one category', 'invoer.categorieen');
  const vraagt = new Set(inForce.metToestemming);
  const onbekend = categorieen.filter((c) => !vraagt.has(c));
  if (onbekend.length) throw bad(`${activiteitRef(inForce)} asks no consent for ${onbekend.join(', ')}; it asks consent for ${[...vraagt].join(', ') || 'nothing'}`, 'invoer.categorieen');
  const waarde = invoer.ontvanger.waarde.trim();
  if (invoer.ontvanger.soort === 'ROL' && !inForce.rollen.includes(waarde)) throw bad(`role "${waarde}" does not work under ${inForce.id}; its roles: ${inForce.rollen.join(', ')}`, 'invoer.ontvanger');
  if (invoer.ontvanger.soort === 'ORGANISATIE' && !ORGANISATIE.test(waarde)) throw bad(`organisation must be a municipality code (GMxxxx) or a BRIN; received "${waarde}"`, 'invoer.ontvanger');
  const doel = invoer.doel.trim();
  if (doel.length < 1 || doel.length > 500) throw bad('doel must be 1 to 500 characters', 'invoer.doel');
  if (!isKalenderdatum(invoer.geldigTot)) throw bad(`geldigTot must be a calendar date (yyyy-mm-dd); received "${invoer.geldigTot.slice(0, 20)}"`, 'invoer.geldigTot');
  const uiterlijk = naTermijn(dag, register.toestemmingMaxTermijn);
  if (invoer.geldigTot <= dag || invoer.geldigTot > uiterlijk) throw bad(`geldigTot must lie after today (${dag}) and at most ${register.toestemmingMaxTermijn} ahead (${uiterlijk})`, 'invoer.geldigTot');
  const bewijs = invoer.bewijs ? { soort: invoer.bewijs.soort, referentie: referentie(invoer.bewijs.referentie, 'invoer.bewijs.referentie'), datum: verleden(invoer.bewijs.datum, dag, 'invoer.bewijs.datum') } : null;
  return { ...invoer, categorieen, ontvanger: { soort: invoer.ontvanger.soort, waarde }, doel, bewijs, registerversie: inForce.versie };
}

/** Checks the young person's request an employee withdraws a consent on. */
export function controleerVerzoek(verzoek: Intrekkingsverzoek | null | undefined, today: Date): Intrekkingsverzoek | null {
  if (!verzoek) return null;
  const dag = isoDate(today);
  return { datum: verleden(verzoek.datum, dag, 'verzoek.datum'), kanaal: verzoek.kanaal, referentie: verzoek.referentie ? referentie(verzoek.referentie, 'verzoek.referentie') : null };
}
