import type { ConsentBus } from './consent-bus';
import type { ConsentStore, Dekking, Intrekkingsverzoek, Toestemming, ToestemmingVraag, Vastlegging } from './consent';

/** Options of the consent cache. */
export interface ConsentCacheOptions {
  /** How long an answer is kept (ms); a change is honoured at once through the bus regardless. Default 30000. */
  ttlMs?: number;
  /** At most this many answers (person × activity × recipient × day); the oldest go first. Default 50000. */
  maxEntries?: number;
  /** Now, in ms. Default Date.now. */
  now?: () => number;
}

/**
 * The consent store behind a per-replica cache that every change empties for its person, here and
 * at every other replica (through `bus`), before the change's answer leaves. While the bus cannot
 * vouch that this replica hears every change, the cache is bypassed: losing Redis costs speed,
 * never correctness.
 */
export class CachedConsentStore implements ConsentStore {
  private readonly entries = new Map<string, { value: Dekking[] | false; until: number }>();
  private readonly keysOf = new Map<string, Set<string>>();
  private reliable = false;
  /** Grows with every forgetting: an answer fetched across one is not kept. */
  private generation = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly store: ConsentStore, private readonly bus: ConsentBus, private readonly options: ConsentCacheOptions = {}) {
    bus.subscribe({
      gewijzigd: (bsn) => this.forget(bsn),
      betrouwbaar: (ok) => {
        if (!ok) this.clear();
        this.reliable = ok;
      },
    });
  }

  /** Whether answers may come from the cache now (the bus vouches that this replica hears every change). */
  get betrouwbaar(): boolean { return this.reliable; }

  private now() { return (this.options.now ?? Date.now)(); }

  private forget(bsn: string) {
    this.generation++;
    for (const key of this.keysOf.get(bsn) ?? []) this.entries.delete(key);
    this.keysOf.delete(bsn);
  }

  private clear() {
    this.generation++;
    this.entries.clear();
    this.keysOf.clear();
  }

  async actief(activiteit: string, bsns: string[], vraag: ToestemmingVraag) {
    const result = new Map<string, Dekking[]>();
    if (!this.reliable) return this.store.actief(activiteit, bsns, vraag);
    const prefix = `${activiteit}|${vraag.rol}|${vraag.organisatie}|${vraag.dag}|`;
    const missing: string[] = [];
    const now = this.now();
    for (const bsn of bsns) {
      const hit = this.entries.get(prefix + bsn);
      if (hit && hit.until > now) {
        this.stats.hits++;
        if (hit.value !== false) result.set(bsn, hit.value);
      } else missing.push(bsn);
    }
    if (!missing.length) return result;
    this.stats.misses += missing.length;
    const generation = this.generation;
    const found = await this.store.actief(activiteit, missing, vraag);
    const until = now + (this.options.ttlMs ?? 30_000);
    // A change that arrived while the store answered may be newer than the answer: keep nothing then.
    if (!this.reliable || generation !== this.generation) return new Map([...result, ...found]);
    for (const bsn of missing) {
      const key = prefix + bsn;
      this.entries.delete(key);
      this.entries.set(key, { value: found.has(bsn) ? found.get(bsn)! : false, until });
      let keys = this.keysOf.get(bsn);
      if (!keys) this.keysOf.set(bsn, (keys = new Set()));
      keys.add(key);
      if (found.has(bsn)) result.set(bsn, found.get(bsn)!);
    }
    this.evict();
    return result;
  }

  private evict() {
    const max = this.options.maxEntries ?? 50_000;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(key);
    }
  }

  async geef(t: Toestemming, op?: Date) {
    const r = await this.store.geef(t, op);
    await this.bus.publish(t.bsn);
    return r;
  }
  async bevestig(bsn: string, id: string, door: Vastlegging, op?: Date) {
    const r = await this.store.bevestig(bsn, id, door, op);
    await this.bus.publish(bsn);
    return r;
  }
  async trekIn(bsn: string, id: string, door: Vastlegging, op?: Date, verzoek?: Intrekkingsverzoek | null) {
    const r = await this.store.trekIn(bsn, id, door, op, verzoek);
    await this.bus.publish(bsn);
    return r;
  }
  historie(bsn: string) { return this.store.historie(bsn); }
  // Expiry changes nothing a cached answer holds: an answer is per day, and a consent counts only before its end date.
  verlopen(dag: string, limiet: number) { return this.store.verlopen(dag, limiet); }
  meldVerlopen(ids: string[], op?: Date) { return this.store.meldVerlopen(ids, op); }
  async geefAlle(ts: Toestemming[], op?: Date) {
    await this.store.geefAlle(ts, op);
    for (const bsn of new Set(ts.map((t) => t.bsn))) this.forget(bsn);
  }
  aantal() { return this.store.aantal(); }
  ping() { return this.store.ping(); }
  async close() {
    await this.bus.close();
    await this.store.close();
  }
}
