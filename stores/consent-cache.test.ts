import type { ConsentBus } from './consent-bus';
import { localConsentBus } from './consent-bus';
import { CachedConsentStore } from './consent-cache';
import { SqliteConsentStore } from './consent';
import type { Dekking } from './consent';

/** What the active consents cover per person: null where a record names no categories. */
const cats = (m: Map<string, Dekking[]>) => new Map([...m].map(([bsn, ds]) => [bsn, ds.some((d) => d.categorieen === null) ? null : [...new Set(ds.flatMap((d) => d.categorieen!))]]));

const vraag = { rol: 'jongerenloket', organisatie: 'GM0518', dag: '2026-11-01' };
const spy = (store: SqliteConsentStore) => {
  let calls = 0;
  const actief = store.actief.bind(store);
  store.actief = async (...args) => { calls++; return actief(...args); };
  return () => calls;
};

/** A bus whose reliability the test switches, standing in for a Redis subscription going down. */
function handBus(): ConsentBus & { zet(ok: boolean): void; stuur(bsn: string): void } {
  let l: Parameters<ConsentBus['subscribe']>[0] | undefined;
  return {
    async publish(bsn) { l?.gewijzigd(bsn); },
    subscribe(x) { l = x; x.betrouwbaar(true); },
    async close() {},
    zet(ok) { l?.betrouwbaar(ok); },
    stuur(bsn) { l?.gewijzigd(bsn); },
  };
}

describe('the per-replica consent cache', () => {
  it('answers repeats from memory, and a change through it empties the person at once', async () => {
    const store = new SqliteConsentStore(':memory:');
    const calls = spy(store);
    const cache = new CachedConsentStore(store, localConsentBus());
    expect(cats(await cache.actief('act', ['111222333'], vraag))).toEqual(new Map());
    expect(cats(await cache.actief('act', ['111222333'], vraag))).toEqual(new Map());
    expect(calls()).toBe(1);
    const r = await cache.geef({ bsn: '111222333', activiteit: 'act', categorieen: ['vsv'], ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, geldigTot: '2027-01-01' });
    expect(cats(await cache.actief('act', ['111222333'], vraag))).toEqual(new Map([['111222333', ['vsv']]]));
    await cache.trekIn('111222333', r.id, { door: 'JONGERE' });
    expect(cats(await cache.actief('act', ['111222333'], vraag))).toEqual(new Map());
    expect(calls()).toBe(3);
    await cache.close();
  });

  it('forgets a person when another replica announces a change, and keeps no answer fetched across one', async () => {
    const store = new SqliteConsentStore(':memory:');
    const bus = handBus();
    const cache = new CachedConsentStore(store, bus);
    await cache.actief('act', ['1', '2'], vraag);
    // Another replica writes straight to the shared store and announces it.
    await store.geef({ bsn: '1', activiteit: 'act', categorieen: null });
    expect(cats(await cache.actief('act', ['1'], vraag))).toEqual(new Map()); // still cached: nobody said so
    bus.stuur('1');
    expect(cats(await cache.actief('act', ['1'], vraag))).toEqual(new Map([['1', null]]));
    // A change announced while the store answers: the answer is used once, not kept.
    bus.stuur('2');
    const actief = store.actief.bind(store);
    store.actief = async (...args) => { const r = await actief(...args); bus.stuur('2'); return r; };
    await cache.actief('act', ['2'], vraag);
    store.actief = actief;
    await store.geef({ bsn: '2', activiteit: 'act', categorieen: null });
    expect(cats(await cache.actief('act', ['2'], vraag))).toEqual(new Map([['2', null]]));
    await cache.close();
  });

  it('reads the store on every request while the bus cannot vouch for hearing every change', async () => {
    const store = new SqliteConsentStore(':memory:');
    const calls = spy(store);
    const bus = handBus();
    const cache = new CachedConsentStore(store, bus);
    await cache.actief('act', ['1'], vraag);
    bus.zet(false);
    await store.geef({ bsn: '1', activiteit: 'act', categorieen: null });
    expect(cats(await cache.actief('act', ['1'], vraag))).toEqual(new Map([['1', null]]));
    expect(cats(await cache.actief('act', ['1'], vraag))).toEqual(new Map([['1', null]]));
    expect(calls()).toBe(3);
    bus.zet(true);
    await cache.actief('act', ['1'], vraag);
    await cache.actief('act', ['1'], vraag);
    expect(calls()).toBe(4);
    await cache.close();
  });

  it('lets an answer expire after its time to live', async () => {
    let now = 0;
    const store = new SqliteConsentStore(':memory:');
    const calls = spy(store);
    const cache = new CachedConsentStore(store, handBus(), { ttlMs: 1000, now: () => now });
    await cache.actief('act', ['1'], vraag);
    now = 999;
    await cache.actief('act', ['1'], vraag);
    now = 1000;
    await cache.actief('act', ['1'], vraag);
    expect(calls()).toBe(2);
    await cache.close();
  });
});
