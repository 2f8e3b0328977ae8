import { parseLevering } from '../adapters/onderwijs/duo-levering/mapping';
import { createDuoLevering } from '../adapters/onderwijs/duo-levering/client';
import type { OnderwijsFeed } from '../adapters/onderwijs/port';
import { isAppError } from '../lib/errors';
import type { SourceOptions } from '../lib/sources/source';
import { checker, code, type Uitslag } from './check';
import type { Omgeving } from './suite';

/**
 * The conformance checks for an education feed (files per afnemer, the contract `OnderwijsFeed`):
 * a delivery index read whole and oldest first, every file downloaded whole and parsed without a
 * rejected row, a full delivery on request, a refused afnemer as an error (never an empty list),
 * and the same error mapping and timeouts as the look-up adapters.
 */
export interface FeedDoel {
  soort: 'feed';
  naam: string;
  simulator: 'duo';
  maak(options: SourceOptions): OnderwijsFeed;
  /** An afnemer the source serves (a Doorstroompunt region code), and one it does not. */
  afnemer: string;
  vreemdeAfnemer: string;
}

export const DUO: FeedDoel = {
  soort: 'feed', naam: 'onderwijs/duo-levering', simulator: 'duo', maak: (o) => createDuoLevering(o),
  afnemer: 'DP-ZUIDOOST-DRENTHE', vreemdeAfnemer: 'DP-BESTAAT-NIET',
};

export async function controleerFeed(doel: FeedDoel, omgeving: Omgeving): Promise<Uitslag[]> {
  const uit: Uitslag[] = [];
  const check = checker(uit);
  const maak = (extra: Partial<SourceOptions> = {}) => doel.maak({ baseUrl: omgeving.baseUrl, timeoutMs: 10_000, ...extra });

  await check('delivery index: oldest first, every file whole and every row readable', async () => {
    const feed = maak();
    const index = await feed.leveringen(doel.afnemer);
    if (!index.length) return `no deliveries for ${doel.afnemer}: list every C- and P-levering of the afnemer`;
    const volgorde = index.map((l) => l.van);
    if (volgorde.some((v, i) => i > 0 && v < volgorde[i - 1])) return 'the index is not oldest first: sort by the start of the period';
    // The first, the last and a few in between: downloaded whole, row counts as announced, no rejected row.
    const steekproef = [...new Set([0, 1, Math.floor(index.length / 2), index.length - 1])].map((i) => index[i]);
    for (const l of steekproef) {
      const { regels, fouten } = parseLevering(await feed.bestand(l.id));
      if (fouten.length) return `${l.id}: ${fouten.length} row(s) rejected, e.g. line ${fouten[0].regel}: ${fouten[0].melding}`;
      if (regels.length !== l.aantalRegels) return `${l.id}: ${regels.length} rows, the index announced ${l.aantalRegels}: download the file to its end`;
    }
    return null;
  });

  await check('a full delivery on request (C-levering) holds what it announces', async () => {
    const feed = maak();
    const c = await feed.volledig(doel.afnemer);
    if (c.soort !== 'C') return `a full delivery came back as soort ${c.soort}`;
    const { regels, fouten } = parseLevering(await feed.bestand(c.id));
    return fouten.length || regels.length !== c.aantalRegels ? `${c.id}: ${regels.length} rows read, ${fouten.length} rejected, ${c.aantalRegels} announced` : null;
  });

  await check('an afnemer the source does not serve is an error, not an empty list', async () => {
    try {
      const index = await maak().leveringen(doel.vreemdeAfnemer);
      return `an unknown afnemer answered ${index.length} deliveries: raise a SourceError, so a wrong configuration shows`;
    } catch (e) {
      return isAppError(e) ? null : `an unknown afnemer threw ${code(e)}: translate it into a SourceError`;
    }
  });

  const sim = omgeving.sim;
  if (!sim) {
    for (const c of ['errors', 'timeouts']) uit.push({ check: c, ok: true, overgeslagen: 'needs fault injection (the simulator)' });
    return uit;
  }
  const met = async (mode: 'error' | 'invalid' | 'garbage' | 'hang', verwacht: string, timeoutMs = 10_000) => {
    sim.faults = { latencyMs: 0, mode };
    try {
      await maak({ timeoutMs }).leveringen(doel.afnemer);
      return `the index answered although the source ${mode === 'hang' ? 'hangs' : 'fails'}: raise SourceError ${verwacht}`;
    } catch (e) {
      return code(e) === verwacht ? null : `got ${code(e)}; expected ${verwacht} (translate failures once, at the boundary)`;
    } finally { sim.faults = { latencyMs: 0, mode: 'ok' }; }
  };
  await check('errors: a failing source is SOURCE_UNAVAILABLE', () => met('error', 'SOURCE_UNAVAILABLE'));
  await check('errors: JSON of another shape is SOURCE_INVALID_RESPONSE', () => met('invalid', 'SOURCE_INVALID_RESPONSE'));
  await check('errors: a body that is not JSON is SOURCE_INVALID_RESPONSE', () => met('garbage', 'SOURCE_INVALID_RESPONSE'));
  await check('timeouts: a hanging source is SOURCE_TIMEOUT after timeoutMs', () => met('hang', 'SOURCE_TIMEOUT', 300));
  return uit;
}
