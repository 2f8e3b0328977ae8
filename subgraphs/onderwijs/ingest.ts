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

/** Fetches and ingests every delivery the feed offers, oldest first. */
export async function ingestFeed(store: OnderwijsStore, feed: OnderwijsFeed, log: (line: string) => void = () => {}): Promise<IngestVerslag[]> {
  const verslagen: IngestVerslag[] = [];
  for (const levering of await feed.leveringen()) {
    const verslag = ingestBestand(store, levering.id, await feed.bestand(levering.id));
    for (const f of verslag.fouten) log(`onderwijs: delivery ${levering.id} line ${f.regel} skipped: ${f.melding}`);
    verslagen.push(verslag);
  }
  return verslagen;
}
