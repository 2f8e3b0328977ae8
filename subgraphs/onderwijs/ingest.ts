import { createHash } from 'node:crypto';
import { parseLevering } from '../../adapters/onderwijs/duo-levering/mapping';
import type { OnderwijsFeed, Regelfout } from '../../adapters/onderwijs/port';
import type { OnderwijsStore } from './store';

export interface IngestVerslag {
  levering: string;
  /** `ingelezen`: stored now; `ongewijzigd`: the same file was ingested before, nothing done. */
  resultaat: 'ingelezen' | 'ongewijzigd';
  regels: number;
  fouten: Regelfout[];
}

/** Ingests one delivery file. Idempotent: the same file twice changes nothing. */
export function ingestBestand(store: OnderwijsStore, id: string, text: string): IngestVerslag {
  const sha256 = createHash('sha256').update(text).digest('hex');
  if (store.leveringHash(id) === sha256) return { levering: id, resultaat: 'ongewijzigd', regels: 0, fouten: [] };
  const { regels, fouten } = parseLevering(text);
  store.bewaarLevering(id, sha256, regels, fouten.length);
  return { levering: id, resultaat: 'ingelezen', regels: regels.length, fouten };
}

/**
 * Fetches and ingests, per afnemer, every delivery not ingested yet (a few downloads at a time);
 * deliveries already ingested are not fetched again (their files do not change once delivered).
 */
export async function ingestFeed(store: OnderwijsStore, feed: OnderwijsFeed, afnemers: string[], log: (line: string) => void = () => {},
  gelijktijdig = 8): Promise<IngestVerslag[]> {
  const verslagen: IngestVerslag[] = [];
  for (const afnemer of afnemers) {
    const open = (await feed.leveringen(afnemer)).filter((l) => store.leveringHash(l.id) === undefined);
    for (let i = 0; i < open.length; i += gelijktijdig) {
      const bestanden = await Promise.all(open.slice(i, i + gelijktijdig).map(async (l) => [l.id, await feed.bestand(l.id)] as const));
      for (const [id, text] of bestanden) {
        const verslag = ingestBestand(store, id, text);
        for (const f of verslag.fouten) log(`onderwijs: delivery ${id} line ${f.regel} skipped: ${f.melding}`);
        verslagen.push(verslag);
      }
    }
  }
  return verslagen;
}

/** Requests a full delivery (C-levering) for an afnemer and ingests it. */
export async function ingestVolledig(store: OnderwijsStore, feed: OnderwijsFeed, afnemer: string): Promise<IngestVerslag> {
  const levering = await feed.volledig(afnemer);
  return ingestBestand(store, levering.id, await feed.bestand(levering.id));
}
