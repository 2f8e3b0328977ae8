import { randomUUID } from 'node:crypto';
import { isValidBsn } from '../../lib/domain/bsn';
import { AppError } from '../../lib/errors';
import type { Maatregel, ProgrammaStore } from '../../stores/programma';
import { parsePeriode } from './periode';
import { woordenVan } from './namen';

export interface MaatregelInvoer { id?: string | null; naam: string; omschrijving: string; partners: string[]; budget: number; regionaalAandeel: number }
export interface ResultaatInvoer { periode: string; omschrijving: string; aantal?: number | null }

/**
 * Whether a text names a person: a number that passes the BSN elfproef (digits alone, or grouped
 * with dots or spaces), or the name of a young person the monitor knows (`isNaam`, a keyed look-up
 * of word sequences; no name is kept in plain text). A programme is about measures, never about
 * someone: such a text is refused.
 */
export type TekstControle = (tekst: string, argument: string) => Promise<void>;

const bad = (message: string, argument: string, rule?: string) => new AppError('BAD_USER_INPUT', message, { argument, ...(rule ? { rule } : {}) });

export function tekstControle(isNaam: (woorden: string[]) => Promise<boolean>): TekstControle {
  return async (tekst, argument) => {
    for (const m of tekst.matchAll(/\d[\d. ]{7,13}\d/g)) {
      const cijfers = m[0].replace(/[. ]/g, '');
      if (cijfers.length === 9 && isValidBsn(cijfers)) throw bad(`${argument} contains what looks like a BSN: a programme text may not name a person`, argument, 'PERSOONSGEGEVEN_IN_TEKST');
    }
    if (await isNaam(woordenVan(tekst))) throw bad(`${argument} contains the name of a young person: a programme text may not name a person`, argument, 'PERSOONSGEGEVEN_IN_TEKST');
  };
}

const tekst = (v: string, naam: string, max: number) => {
  const t = v.trim();
  if (t.length < 1 || t.length > max) throw bad(`${naam} must be 1 to ${max} characters`, `invoer.${naam}`);
  return t;
};

/** Records or replaces a measure; who may edit which region's programme is decided by the guard. */
export async function legMaatregelVast(store: ProgrammaStore, controle: TekstControle, medewerker: string, regio: string, invoer: MaatregelInvoer, nu: Date): Promise<Maatregel> {
  const bestaand = invoer.id ? await store.maatregel(invoer.id) : null;
  if (invoer.id && (!bestaand || bestaand.regio !== regio)) throw bad(`no measure ${invoer.id} in ${regio}`, 'invoer.id');
  const partners = [...new Set(invoer.partners.map((p) => p.trim()).filter(Boolean))];
  if (partners.length < 1 || partners.length > 20 || partners.some((p) => p.length > 200)) throw bad('partners must name 1 to 20 partners of at most 200 characters', 'invoer.partners');
  if (!Number.isInteger(invoer.budget) || invoer.budget < 0) throw bad('budget must be whole euros, not negative', 'invoer.budget');
  if (!Number.isInteger(invoer.regionaalAandeel) || invoer.regionaalAandeel < 0 || invoer.regionaalAandeel > invoer.budget) {
    throw bad('regionaalAandeel must be whole euros from 0 to the budget', 'invoer.regionaalAandeel');
  }
  const m: Maatregel = {
    id: bestaand?.id ?? randomUUID(), regio, naam: tekst(invoer.naam, 'naam', 200), omschrijving: tekst(invoer.omschrijving, 'omschrijving', 2000), partners,
    budget: invoer.budget, regionaalAandeel: invoer.regionaalAandeel, resultaten: bestaand?.resultaten ?? [], bijgewerktOp: nu.toISOString(), bijgewerktDoor: medewerker,
  };
  await controle(m.naam, 'invoer.naam');
  await controle(m.omschrijving, 'invoer.omschrijving');
  for (const p of partners) await controle(p, 'invoer.partners');
  await store.bewaar(m);
  return m;
}

/** Adds a result for one fixed period; who may is decided by the guard. */
export async function legResultaatVast(store: ProgrammaStore, controle: TekstControle, medewerker: string, id: string, invoer: ResultaatInvoer, nu: Date): Promise<Maatregel> {
  const m = await store.maatregel(id);
  if (!m) throw bad(`no measure ${id}`, 'maatregel');
  const periode = parsePeriode(invoer.periode).code;
  if (invoer.aantal !== null && invoer.aantal !== undefined && (!Number.isInteger(invoer.aantal) || invoer.aantal < 0)) throw bad('aantal must be a whole number, not negative', 'invoer.aantal');
  const resultaat = { periode, omschrijving: tekst(invoer.omschrijving, 'omschrijving', 1000), aantal: invoer.aantal ?? null };
  await controle(resultaat.omschrijving, 'invoer.omschrijving');
  const bijgewerkt: Maatregel = { ...m, resultaten: [...m.resultaten.filter((r) => r.periode !== periode), resultaat].sort((a, b) => a.periode.localeCompare(b.periode)),
    bijgewerktOp: nu.toISOString(), bijgewerktDoor: medewerker };
  await store.bewaar(bijgewerkt);
  return bijgewerkt;
}
