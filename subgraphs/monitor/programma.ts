import { randomUUID } from 'node:crypto';
import { AppError } from '../../lib/errors';
import type { RegionRegistry } from '../../lib/regions';
import type { Maatregel, ProgrammaStore } from '../../stores/programma';
import type { RequestPolicy } from '../policy/request-policy';
import { parsePeriode } from './periode';

export interface MaatregelInvoer { id?: string | null; naam: string; omschrijving: string; partners: string[]; budget: number; regionaalAandeel: number }
export interface ResultaatInvoer { periode: string; omschrijving: string; aantal?: number | null }

const bad = (message: string, argument: string) => new AppError('BAD_USER_INPUT', message, { argument });
const tekst = (v: string, naam: string, max: number) => {
  const t = v.trim();
  if (t.length < 1 || t.length > max) throw bad(`${naam} must be 1 to ${max} characters`, `invoer.${naam}`);
  return t;
};

/** Only the contactgemeente of a Doorstroompunt region edits that region's programme. */
export function magBewerken(beleid: RequestPolicy | null, regio: string, regions: RegionRegistry): void {
  const r = regions.get(regio);
  if (!r || r.soort !== 'DOORSTROOMPUNTREGIO') throw bad(`${regio} is not a Doorstroompunt region: programmes belong to those`, 'regio');
  if (!beleid || beleid.interne.organisatie !== r.contactgemeente) {
    throw new AppError('OUT_OF_SCOPE', `only the contactgemeente ${r.contactgemeente} edits the programme of ${regio}`, { activity: beleid?.interne.activiteit ?? null });
  }
}

export async function legMaatregelVast(store: ProgrammaStore, beleid: RequestPolicy | null, regions: RegionRegistry, regio: string, invoer: MaatregelInvoer, nu: Date): Promise<Maatregel> {
  magBewerken(beleid, regio, regions);
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
    budget: invoer.budget, regionaalAandeel: invoer.regionaalAandeel, resultaten: bestaand?.resultaten ?? [], bijgewerktOp: nu.toISOString(), bijgewerktDoor: beleid!.interne.medewerker,
  };
  await store.bewaar(m);
  return m;
}

export async function legResultaatVast(store: ProgrammaStore, beleid: RequestPolicy | null, regions: RegionRegistry, id: string, invoer: ResultaatInvoer, nu: Date): Promise<Maatregel> {
  const m = await store.maatregel(id);
  if (!m) throw bad(`no measure ${id}`, 'maatregel');
  magBewerken(beleid, m.regio, regions);
  const periode = parsePeriode(invoer.periode).code;
  if (invoer.aantal !== null && invoer.aantal !== undefined && (!Number.isInteger(invoer.aantal) || invoer.aantal < 0)) throw bad('aantal must be a whole number, not negative', 'invoer.aantal');
  const resultaat = { periode, omschrijving: tekst(invoer.omschrijving, 'omschrijving', 1000), aantal: invoer.aantal ?? null };
  const bijgewerkt: Maatregel = { ...m, resultaten: [...m.resultaten.filter((r) => r.periode !== periode), resultaat].sort((a, b) => a.periode.localeCompare(b.periode)),
    bijgewerktOp: nu.toISOString(), bijgewerktDoor: beleid!.interne.medewerker };
  await store.bewaar(bijgewerkt);
  return bijgewerkt;
}
