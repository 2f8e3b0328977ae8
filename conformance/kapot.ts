import type { Persoonsgegevens } from '../adapters/brp/port';
import { BRP } from './doelen';
import type { Doel } from './suite';

/**
 * Deliberately broken adapters, to show the suite fails them and says what to fix. Each wraps the
 * shipped BRP adapter and breaks one promise of the contract. Never used outside the suite.
 */

/** Maps the surname into the first names and back: the mapping check must catch it. */
export const VERKEERDE_MAPPING: Doel<Persoonsgegevens> = {
  ...BRP, naam: 'kapot/verkeerde-mapping',
  maak: (o) => {
    const echt = BRP.maak(o);
    return { batchSize: echt.batchSize, haal: async (bsns) => new Map([...(await echt.haal(bsns))].map(([b, p]) => [b, { ...p, voornamen: p.geslachtsnaam, geslachtsnaam: p.voornamen }])) };
  },
};

/** Asks the source one BSN at a time: the batching check must catch it. */
export const ZONDER_BATCHING: Doel<Persoonsgegevens> = {
  ...BRP, naam: 'kapot/zonder-batching',
  maak: (o) => {
    const echt = BRP.maak(o);
    return {
      batchSize: echt.batchSize,
      haal: async (bsns) => {
        const uit = new Map<string, Persoonsgegevens>();
        for (const b of bsns) for (const [k, v] of await echt.haal([b])) uit.set(k, v);
        return uit;
      },
    };
  },
};

/** Ignores its timeout and waits for the source forever: the timeout check must catch it. */
export const HANGT: Doel<Persoonsgegevens> = {
  ...BRP, naam: 'kapot/hangt',
  // A call without a timeout: the adapter is given an hour and a fetch that ignores the abort signal.
  maak: (o) => BRP.maak({ ...o, timeoutMs: 3_600_000, fetch: (input, init) => (o.fetch ?? fetch)(input, { ...init, signal: undefined }) }),
};

export const KAPOTTE_ADAPTERS: readonly Doel<any>[] = [VERKEERDE_MAPPING, ZONDER_BATCHING, HANGT];
