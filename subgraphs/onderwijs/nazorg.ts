import { randomUUID } from 'node:crypto';
import { addMonths, isKalenderdatum, isoDate } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';
import type { Beleid } from '../policy/beleid';
import type { Diploma, Onderwijshistorie } from './history';
import type { OnderwijsStore } from './store';
import type { Nazorgcontact, NazorgStore } from '../../stores/nazorg';

export interface NazorgcontactInvoer { bsn: string; datum: string; soort: string; uitkomst: string; reden?: string | null }

/** Entree, or level 2 followed in bol: the transitions the bill asks schools to follow first. */
export function voorrang(d: Diploma, h: Onderwijshistorie): boolean {
  if (d.niveau === '1') return true;
  return d.niveau === '2' && h.inschrijvingen.find((i) => i.id === d.inschrijvingId)?.leerweg === 'BOL';
}

const CURSOR = 'os:';

export interface OudStudentItem { bsn: string; diploma: Diploma | null; uitgeschrevenOp: string | null; voorrang: boolean; sinds: string }

/**
 * The school's former students within the nazorg window (`maanden` back from today), priority
 * first, then by the date that opened the window and BSN; paged by offset in that fixed order
 * (the list is the school's own). The window opens with an mbo diploma (`vanaf: 'diploma'`:
 * priority for entree and bol 2) or, at a school for pro or vso, with leaving it, diploma or not
 * (`'uitschrijving'`: priority for those who left for no programme at all).
 */
export function oudStudenten(store: OnderwijsStore, brin: string, maanden: number, today: Date, eerste: number, na?: string | null, vanaf: 'diploma' | 'uitschrijving' = 'diploma') {
  if (!Number.isInteger(eerste) || eerste < 1 || eerste > 500) throw new AppError('BAD_USER_INPUT', `eerste must be 1-500; received ${eerste}`, { argument: 'eerste' });
  const dag = isoDate(today);
  const begin = addMonths(dag, -maanden);
  const bsns = vanaf === 'uitschrijving' ? store.uitgeschrevenen(brin, begin, dag) : store.gediplomeerden(brin, begin, dag);
  const historie = store.historieVan(bsns);
  const lijst: OudStudentItem[] = bsns.map((bsn) => {
    const h = historie.get(bsn)!;
    if (vanaf === 'uitschrijving') {
      const inschrijving = h.inschrijvingen.filter((i) => i.instelling.brin === brin && i.einddatum !== null && i.einddatum >= begin && i.einddatum <= dag).at(-1)!;
      const diploma = h.diplomas.find((d) => d.inschrijvingId === inschrijving.id) ?? null;
      const nuIngeschreven = h.inschrijvingen.some((i) => i.einddatum === null || i.einddatum > dag);
      return { bsn, diploma, uitgeschrevenOp: inschrijving.einddatum, voorrang: !nuIngeschreven, sinds: inschrijving.einddatum! };
    }
    const diploma = h.diplomas.filter((d) => d.instelling.brin === brin && d.onderwijssoort === 'MBO' && d.datum <= dag).at(-1)!;
    const inschrijving = h.inschrijvingen.find((i) => i.id === diploma.inschrijvingId);
    return { bsn, diploma, uitgeschrevenOp: inschrijving?.einddatum ?? null, voorrang: voorrang(diploma, h), sinds: diploma.datum };
  }).sort((a, b) => Number(b.voorrang) - Number(a.voorrang) || a.sinds.localeCompare(b.sinds) || a.bsn.localeCompare(b.bsn));
  let start = 0;
  if (na) {
    const text = Buffer.from(na, 'base64url').toString('utf8');
    if (!text.startsWith(CURSOR) || !/^\d+$/.test(text.slice(CURSOR.length))) throw new AppError('BAD_USER_INPUT', 'na must be a volgendeCursor returned by a previous page', { argument: 'na' });
    start = Number(text.slice(CURSOR.length));
  }
  const page = lijst.slice(start, start + eerste);
  return { totaal: lijst.length, page, volgendeCursor: start + eerste < lijst.length ? Buffer.from(`${CURSOR}${start + eerste}`).toString('base64url') : null };
}

/**
 * Stores a nazorg contact. Whether the person is the school's graduate within the window is
 * decided by the generated guard before this runs; here only the input is checked.
 */
export async function registreerNazorgcontact(store: NazorgStore, beleid: Beleid, invoer: NazorgcontactInvoer): Promise<Nazorgcontact> {
  if (!isKalenderdatum(invoer.datum) || invoer.datum > beleid.today) {
    throw new AppError('BAD_USER_INPUT', `datum must be a calendar date (yyyy-mm-dd) not after today; received "${invoer.datum.slice(0, 20)}"`, { argument: 'invoer.datum', rule: 'DATUM' });
  }
  const contact: Nazorgcontact = { id: randomUUID(), bsn: invoer.bsn, brin: beleid.interne.organisatie!, datum: invoer.datum, soort: invoer.soort, uitkomst: invoer.uitkomst,
    reden: invoer.reden ?? null, medewerker: beleid.interne.medewerker, vastgelegdOp: new Date().toISOString() };
  await store.bewaar(contact);
  return contact;
}
