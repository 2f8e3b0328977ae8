import { randomBytes } from 'node:crypto';
import type { BrpBron } from '../../adapters/brp/port';
import type { DoorstroomBron, Doorstroomtraject } from '../../adapters/leerplicht/port';
import type { OnderwijsFeed } from '../../adapters/onderwijs/port';
import type { ParticipatieBron, ParticipatieDossier } from '../../adapters/participatie/port';
import type { ZorgBron, Zorgtoewijzing } from '../../adapters/zorg/port';
import { createPseudonymiser } from '../../lib/security/pseudonym';
import { BATCHES_IN_FLIGHT, inChunks } from '../../lib/sources/source';
import type { Onderwijshistorie } from '../onderwijs/history';
import { ingestFeed } from '../onderwijs/ingest';
import { OnderwijsStore } from '../onderwijs/store';
import { purgeOnderwijs } from '../onderwijs/retentie';
import type { Register } from '../../policies/types';
import type { Persoonsfeiten } from './feiten';

/** The sources the monitor reads, read-only and in batches. */
export interface MonitorBronnen { brp: BrpBron; doorstroom: DoorstroomBron; participatie: ParticipatieBron; zorg: ZorgBron; onderwijs: OnderwijsFeed }

/** What one computation read, for the log and the benchmark. */
export interface Extractieverslag { personen: number; leveringen: number; aanroepen: Record<string, number> }

/**
 * Reads every domain for the young people of the area and joins them on keyed pseudonyms: each
 * domain's answer is keyed by HMAC(key, BSN) as soon as it arrives, with a key made for this one
 * computation and held only in memory, so the join never uses a BSN and no pseudonym can be
 * linked to another computation. BSNs exist only to ask the sources; nothing is kept afterwards.
 */
export async function extraheer(bronnen: MonitorBronnen, gemeenten: string[], afnemers: string[], bewaring: { register: Register; today: Date }, recordSleutel: (bsn: string) => number, deadline?: number): Promise<{ personen: Persoonsfeiten[]; verslag: Extractieverslag }> {
  const pseudoniem = createPseudonymiser(randomBytes(32).toString('hex'));
  const aanroep = { deadline };
  const aanroepen: Record<string, number> = { leerplicht: 0, brp: 0, participatie: 0, zorg: 0, duo: 0 };
  // Who: everyone in the Doorstroompunt register of the area's municipalities, page by page.
  const bsns: string[] = [];
  for (let na: string | undefined; ;) {
    aanroepen.leerplicht++;
    const page = await bronnen.doorstroom.zoek({ gemeenten, limiet: bronnen.doorstroom.maxPageSize, na }, aanroep);
    bsns.push(...page.bsns);
    if (!page.meer || !page.bsns.length) break;
    na = page.bsns.at(-1);
  }
  const sleutels = new Map(bsns.map((b) => [pseudoniem(b), recordSleutel(b)]));
  const perDomein = async <T>(naam: string, size: number, lees: (c: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> => {
    const paren = await inChunks(bsns, size, async (c) => { aanroepen[naam]++; return [...(await lees(c)).entries()]; }, BATCHES_IN_FLIGHT);
    return new Map(paren.map(([bsn, v]) => [pseudoniem(bsn), v]));
  };
  const [brp, doorstroom, participatie, zorg] = await Promise.all([
    perDomein('brp', bronnen.brp.batchSize, (c) => bronnen.brp.personen(c, aanroep)),
    perDomein('leerplicht', bronnen.doorstroom.batchSize, (c) => bronnen.doorstroom.dossiers(c, aanroep)),
    perDomein<ParticipatieDossier>('participatie', bronnen.participatie.batchSize, (c) => bronnen.participatie.dossiers(c, aanroep)),
    perDomein<Zorgtoewijzing[]>('zorg', bronnen.zorg.batchSize, (c) => bronnen.zorg.toewijzingen(c, aanroep)),
  ]);
  // Education: DUO's deliveries to the RMC function, read into a store that lives only for this computation.
  const store = new OnderwijsStore(':memory:');
  let leveringen = 0;
  const onderwijs = new Map<string, Onderwijshistorie>();
  try {
    leveringen = (await ingestFeed(store, bronnen.onderwijs, afnemers)).length;
    aanroepen.duo = leveringen + afnemers.length;
    // The register's storage terms hold here too: rows the layer may no longer keep are not counted.
    await purgeOnderwijs(store, bewaring.register, bewaring.today);
    for (const [bsn, h] of store.historieVan(bsns)) onderwijs.set(pseudoniem(bsn), h);
  } finally {
    store.close();
  }
  const leeg: Onderwijshistorie = { inschrijvingen: [], diplomas: [], vsvRegistraties: [] };
  const personen: Persoonsfeiten[] = [];
  for (const [p, persoon] of brp) {
    // The deceased and people without a full birth date or a municipality are not counted.
    if (persoon.overlijdensdatum || !persoon.gemeenteCode || !persoon.geboortedatum || !/^\d{4}-\d{2}-\d{2}$/.test(persoon.geboortedatum)) continue;
    const w = participatie.get(p);
    personen.push({
      pseudoniem: p, sleutel: sleutels.get(p)!, gemeente: persoon.gemeenteCode, geboortedatum: persoon.geboortedatum, onderwijs: onderwijs.get(p) ?? leeg,
      uitkering: w?.uitkering ?? null, reintegratie: w?.trajecten ?? [], werk: w?.dienstverbanden ?? [],
      doorstroom: (doorstroom.get(p)?.trajecten ?? []) as Doorstroomtraject[], zorg: zorg.get(p) ?? [],
    });
  }
  sleutels.clear();
  return { personen, verslag: { personen: personen.length, leveringen, aanroepen } };
}
