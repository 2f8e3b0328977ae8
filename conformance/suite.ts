import { checkDigit } from '../lib/domain/bsn';
import type { SimulatorServer } from '../lib/http/http';
import type { SourceOptions } from '../lib/sources/source';
import type { Population } from '../population/generator';
import type { SynthPersoon } from '../population/types';
import { controleerFeed, type FeedDoel } from './feed';

/**
 * The conformance suite for source adapters: what every adapter of a batch look-up contract
 * (BRP, Participatiewet suite, leerplicht/Doorstroompunt system, Wmo/Jeugd registry) must do,
 * checked from the outside — through the adapter's own contract and the HTTP calls it makes —
 * so a vendor can run it without reading this project's code (`npm run conformance`).
 *
 * Every check says what to fix when it fails. Checks that need the simulator (ground truth, fault
 * injection) are skipped against a vendor's instance and say so.
 */

/** The part of a contract the suite exercises: a batch look-up by BSN, with its batch size. */
export interface BatchBron<T> {
  readonly batchSize: number;
  haal(bsns: string[]): Promise<Map<string, T>>;
}

/** One adapter under test: how to build it, its simulator, and what the truth says about a person. */
export interface Doel<T = unknown> {
  /** `<domain>/<implementation>`, e.g. `brp/haal-centraal`. */
  naam: string;
  /** The simulator this adapter is tested against by default. */
  simulator: 'brp' | 'leerplicht' | 'participatie' | 'zorg' | 'duo';
  maak(options: SourceOptions): BatchBron<T>;
  /** Whether the answer for a BSN the source does not know counts as "nobody" (absent, or an empty file). */
  leeg(waarde: T | undefined): boolean;
  /** The differences between the adapter's answer and the generator's ground truth, as readable lines. */
  vergelijk?(p: SynthPersoon, waarde: T | undefined): string[];
  /** BSNs with names in other scripts and diacritics, with the surname the source holds. */
  diakrieten?: { bsn: string; geslachtsnaam: string; lees: (waarde: T | undefined) => string | null }[];
  /** A paged search to read to the end (pagination), when the contract has one. */
  pagineer?(options: SourceOptions): Promise<{ totaal: number; gelezen: string[] }>;
}

import { checker, code, type Uitslag } from './check';
export type { Uitslag } from './check';

export interface Omgeving {
  baseUrl: string;
  /** The simulator behind baseUrl, for fault injection and call counts; absent against a vendor's instance. */
  sim?: SimulatorServer;
  population?: Population;
}

/** A fetch that counts the calls it makes and the BSNs each call carries (in its URL or body). */
export function tellendeFetch() {
  const calls: number[] = [];
  const f: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body ? await request.clone().text() : '';
    const tekst = `${request.url} ${body}`;
    calls.push((tekst.match(/(?<!\d)\d{9}(?!\d)/g) ?? []).length);
    return fetch(request);
  };
  return { fetch: f, calls };
}

/** Valid BSNs (elfproef) that no person of `population` has: the source must not know them. */
export function onbekendeBsns(n: number, population?: Population): string[] {
  const result: string[] = [];
  for (let i = 10_000_000; result.length < n; i++) {
    const first8 = String(i).padStart(8, '0');
    const d = checkDigit(first8);
    if (d === null) continue;
    const bsn = `${first8}${d}`;
    if (!population?.byBsn(bsn)) result.push(bsn);
  }
  return result;
}

const GRENS_MS = 10_000;

/** A promise that settles, or a marker after `ms` (the suite never hangs on a broken adapter). */
async function binnen<T>(p: Promise<T>, ms: number): Promise<{ klaar: true; waarde?: T; fout?: unknown } | { klaar: false }> {
  let timer: NodeJS.Timeout | undefined;
  const te = new Promise<{ klaar: false }>((r) => { timer = setTimeout(() => r({ klaar: false }), ms); });
  try {
    return await Promise.race([p.then((waarde) => ({ klaar: true as const, waarde }), (fout) => ({ klaar: true as const, fout })), te]);
  } finally { clearTimeout(timer); }
}

/** Runs every check for one adapter: a look-up, or an education feed (feed.ts). */
export async function controleerAdapter(doel: Doel<any> | FeedDoel, omgeving: Omgeving): Promise<Uitslag[]> {
  if ('soort' in doel && doel.soort === 'feed') return controleerFeed(doel, omgeving);
  return controleer(doel as Doel<any>, omgeving);
}

/** Runs every check for one look-up adapter. */
export async function controleer<T>(doel: Doel<T>, omgeving: Omgeving): Promise<Uitslag[]> {
  const uit: Uitslag[] = [];
  const maak = (extra: Partial<SourceOptions> = {}) => doel.maak({ baseUrl: omgeving.baseUrl, timeoutMs: 5_000, ...extra });
  const check = checker(uit);
  const overslaan = (naam: string, reden: string) => uit.push({ check: naam, ok: true, overgeslagen: reden });
  const bekende = omgeving.population ? [...omgeving.population.persons()].filter((p) => !p.brp).map((p) => p.bsn) : [];

  await check('empty input: no call, empty answer', async () => {
    const t = tellendeFetch();
    const r = await binnen(maak({ fetch: t.fetch }).haal([]), GRENS_MS);
    if (!r.klaar) return 'an empty look-up did not settle: answer [] at once';
    if (r.fout) return `an empty look-up failed with ${code(r.fout)}: answer an empty map without calling the source`;
    if (r.waarde!.size !== 0) return `an empty look-up answered ${r.waarde!.size} entries`;
    return t.calls.length ? `an empty look-up made ${t.calls.length} call(s): make none` : null;
  });

  await check('batching: ceil(n / batchSize) calls, none over the batch size', async () => {
    const t = tellendeFetch();
    const bron = maak({ fetch: t.fetch });
    const n = 2 * bron.batchSize + 1;
    const bsns = bekende.length >= n ? bekende.slice(0, n) : onbekendeBsns(n, omgeving.population);
    const r = await binnen(bron.haal(bsns), GRENS_MS * 3);
    if (!r.klaar) return `${n} BSNs did not settle within ${GRENS_MS * 3} ms`;
    if (r.fout) throw r.fout;
    const verwacht = Math.ceil(n / bron.batchSize);
    const groot = Math.max(...t.calls);
    if (groot > bron.batchSize) return `a call carried ${groot} BSNs, more than the declared batch size ${bron.batchSize}: split the BSNs into chunks of at most batchSize`;
    if (t.calls.length !== verwacht) return `${n} BSNs took ${t.calls.length} calls; expected ${verwacht}: send up to batchSize (${bron.batchSize}) BSNs per call, not one at a time`;
    return null;
  });

  await check('unknown BSNs: nobody, not an error', async () => {
    const bsns = onbekendeBsns(3, omgeving.population);
    const r = await binnen(maak().haal(bsns), GRENS_MS);
    if (!r.klaar) return 'a look-up of unknown BSNs did not settle';
    if (r.fout) return `unknown BSNs failed with ${code(r.fout)}: answer them as absent (or an empty file)`;
    const niet = bsns.filter((b) => !doel.leeg(r.waarde!.get(b)));
    return niet.length ? `unknown BSNs ${niet.join(', ')} were answered with data: map only what the source returned` : null;
  });

  if (omgeving.population && doel.vergelijk) {
    await check('mapping: every field as the source holds it (100 people against the ground truth)', async () => {
      const mensen = [...omgeving.population!.persons()].filter((p) => !p.brp).slice(0, 100);
      const r = await maak().haal(mensen.map((p) => p.bsn));
      const fouten = mensen.flatMap((p) => doel.vergelijk!(p, r.get(p.bsn)).map((f) => `${p.bsn}: ${f}`));
      return fouten.length ? `${fouten.length} difference(s), e.g. ${fouten.slice(0, 3).join('; ')}: fix the mapping of these fields` : null;
    });
    await check('large results: 500 people in one look-up', async () => {
      const mensen = [...omgeving.population!.persons()].filter((p) => !p.brp).slice(0, 500);
      const r = await maak().haal(mensen.map((p) => p.bsn));
      const fouten = mensen.filter((p) => doel.vergelijk!(p, r.get(p.bsn)).length > 0);
      return fouten.length ? `${fouten.length} of 500 people came back wrong or missing: read every page and every chunk` : null;
    });
  } else {
    overslaan('mapping against the ground truth', 'needs the simulator and its population');
    overslaan('large results', 'needs the simulator and its population');
  }

  if (doel.diakrieten) {
    await check('diacritics and other scripts in names arrive intact', async () => {
      const r = await maak().haal(doel.diakrieten!.map((d) => d.bsn));
      const mis = doel.diakrieten!.filter((d) => d.lees(r.get(d.bsn)) !== d.geslachtsnaam);
      return mis.length ? mis.map((d) => `${d.bsn}: expected "${d.geslachtsnaam}", got "${d.lees(r.get(d.bsn))}"`).join('; ') + ': read the body as UTF-8 and do not normalise names' : null;
    });
  }

  if (doel.pagineer) {
    await check('pagination: a search read to the end, every match once', async () => {
      const { totaal, gelezen } = await doel.pagineer!({ baseUrl: omgeving.baseUrl, timeoutMs: 5_000 });
      if (new Set(gelezen).size !== gelezen.length) return 'a match came back twice across pages: follow the cursor, do not restart';
      return gelezen.length !== totaal ? `read ${gelezen.length} of ${totaal} matches: follow the cursor until there are no more` : null;
    });
  }

  const sim = omgeving.sim;
  if (sim) {
    const bsns = bekende.slice(0, 3);
    const met = async (mode: 'error' | 'invalid' | 'garbage' | 'hang', f: () => Promise<string | null>) => {
      sim.faults = { latencyMs: 0, mode };
      try { return await f(); } finally { sim.faults = { latencyMs: 0, mode: 'ok' }; }
    };
    await check('errors: a failing source is SOURCE_UNAVAILABLE', () => met('error', async () => {
      const r = await binnen(maak().haal(bsns), GRENS_MS);
      if (!r.klaar) return 'a 500 from the source did not settle';
      return r.fout && code(r.fout) === 'SOURCE_UNAVAILABLE' ? null : `a 500 from the source gave ${r.fout ? code(r.fout) : 'an answer'}: translate it into SourceError SOURCE_UNAVAILABLE at the boundary`;
    }));
    for (const mode of ['invalid', 'garbage'] as const) {
      await check(`errors: ${mode === 'invalid' ? 'JSON of another shape' : 'a body that is not JSON'} is SOURCE_INVALID_RESPONSE`, () => met(mode, async () => {
        const r = await binnen(maak().haal(bsns), GRENS_MS);
        if (!r.klaar) return 'an unreadable answer did not settle';
        return r.fout && code(r.fout) === 'SOURCE_INVALID_RESPONSE' ? null
          : `an unreadable answer gave ${r.fout ? code(r.fout) : `an answer of ${r.waarde!.size} entries`}: check the shape and raise SourceError SOURCE_INVALID_RESPONSE, never an empty answer or a TypeError`;
      }));
    }
    await check('timeouts: a hanging source is SOURCE_TIMEOUT after timeoutMs', () => met('hang', async () => {
      const r = await binnen(maak({ timeoutMs: 300 }).haal(bsns), GRENS_MS);
      if (!r.klaar) return `a hanging source kept the call open for more than ${GRENS_MS} ms with timeoutMs 300: pass an AbortSignal that fires after timeoutMs`;
      return r.fout && code(r.fout) === 'SOURCE_TIMEOUT' ? null : `a hanging source gave ${r.fout ? code(r.fout) : 'an answer'}: raise SourceError SOURCE_TIMEOUT`;
    }));
  } else {
    for (const c of ['errors: SOURCE_UNAVAILABLE', 'errors: SOURCE_INVALID_RESPONSE', 'timeouts']) overslaan(c, 'needs fault injection (the simulator)');
  }
  return uit;
}

/** The report of one adapter as lines, and whether it passed. */
export function rapport(naam: string, uitslagen: Uitslag[]): { regels: string[]; geslaagd: boolean } {
  const geslaagd = uitslagen.every((u) => u.ok);
  return {
    geslaagd,
    regels: [`${geslaagd ? 'PASS' : 'FAIL'} ${naam}`, ...uitslagen.map((u) => `  ${u.overgeslagen ? 'skip' : u.ok ? 'ok  ' : 'FAIL'} ${u.check}${u.melding ? `\n       ${u.melding}` : ''}${u.overgeslagen ? ` (${u.overgeslagen})` : ''}`)],
  };
}
