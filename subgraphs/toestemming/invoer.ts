import { addYears, isKalenderdatum, isoDate } from '../../lib/dates';
import { AppError } from '../../lib/errors';
import type { Register } from '../../policies/types';
import type { Ontvanger } from '../../stores/consent';

export interface ToestemmingInvoer {
  bsn: string; activiteit: string; categorieen: string[]; ontvanger: Ontvanger; doel: string; geldigTot: string;
}

const ORGANISATIE = /^(GM\d{4}|\d{2}[A-Z]{2})$/;
const bad = (message: string, argument: string) => new AppError('BAD_USER_INPUT', message, { argument: `invoer.${argument}` });

/**
 * Checks a consent against the register before it is stored: the activity exists and asks consent
 * for every category named (in a version in force today), the recipient is one of its roles or an
 * organisation code, the purpose is said, and the end date lies after today, at most two years on.
 */
export function controleerInvoer(invoer: ToestemmingInvoer, register: Register, today: Date): ToestemmingInvoer {
  const dag = isoDate(today);
  const versies = register.activiteiten.filter((a) => a.id === invoer.activiteit && a.geldigVanaf <= dag);
  if (!versies.length) throw new AppError('UNKNOWN_ACTIVITY', `no processing activity "${invoer.activiteit}" is in force`, { argument: 'invoer.activiteit' });
  const inForce = versies.sort((a, b) => b.versie - a.versie)[0];
  const categorieen = [...new Set(invoer.categorieen)];
  if (!categorieen.length) throw bad('categorieen must name at least one category', 'categorieen');
  const vraagt = new Set(inForce.metToestemming);
  const onbekend = categorieen.filter((c) => !vraagt.has(c));
  if (onbekend.length) throw bad(`${inForce.id}@${inForce.versie} asks no consent for ${onbekend.join(', ')}; it asks consent for ${[...vraagt].join(', ') || 'nothing'}`, 'categorieen');
  const waarde = invoer.ontvanger.waarde.trim();
  if (invoer.ontvanger.soort === 'ROL' && !inForce.rollen.includes(waarde)) throw bad(`role "${waarde}" does not work under ${inForce.id}; its roles: ${inForce.rollen.join(', ')}`, 'ontvanger');
  if (invoer.ontvanger.soort === 'ORGANISATIE' && !ORGANISATIE.test(waarde)) throw bad(`organisation must be a municipality code (GMxxxx) or a BRIN; received "${waarde}"`, 'ontvanger');
  const doel = invoer.doel.trim();
  if (doel.length < 1 || doel.length > 500) throw bad('doel must be 1 to 500 characters', 'doel');
  if (!isKalenderdatum(invoer.geldigTot)) throw bad(`geldigTot must be a calendar date (yyyy-mm-dd); received "${invoer.geldigTot.slice(0, 20)}"`, 'geldigTot');
  if (invoer.geldigTot <= dag || invoer.geldigTot > addYears(dag, 2)) throw bad(`geldigTot must lie after today (${dag}) and at most two years ahead`, 'geldigTot');
  return { ...invoer, categorieen, ontvanger: { soort: invoer.ontvanger.soort, waarde }, doel };
}
