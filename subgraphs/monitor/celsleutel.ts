import { createHmac } from 'node:crypto';

/**
 * The cell key method (Australian Bureau of Statistics, Eurostat's recommendation for census
 * tables), as this monitor uses it:
 *
 * - every person gets a fixed random record key: HMAC-SHA256(secret, BSN) read as a 32-bit number,
 *   the same in every computation and replica because the secret is kept (MONITOR_CELSLEUTEL, or
 *   generated once and stored with the figures);
 * - a cell's key is the sum of its members' record keys modulo 2^32, so the same people always
 *   give the same key, whatever the order they were counted in;
 * - the published count is the true count plus noise looked up in the perturbation table with
 *   that key: the same cell always gets the same noise, and asking again or averaging gains nothing.
 *
 * The noise is symmetric (so totals stay unbiased), at most `max` either way, and never makes a
 * count negative: a count n > 0 gets noise v with |v| <= min(n, max), weighted as below. Zero stays
 * zero: an empty cell has no members to key on.
 */
export interface Ruistabel {
  /** The largest noise either way. */
  readonly max: number;
  /** The weight of noise v for |v| = 0 .. max (v and -v weigh the same). */
  readonly gewichten: readonly number[];
}

/** The table the monitor publishes with: noise of at most 3 either way, 0 in 30 % of cells. */
export const RUISTABEL: Ruistabel = { max: 3, gewichten: [0.3, 0.2, 0.1, 0.05] };

/** A table without noise: for the tests of the counting itself, reachable from code only, never from configuration. */
export const ZONDER_RUIS: Ruistabel = { max: 0, gewichten: [1] };

/**
 * What the method guarantees against every combination of published figures: the attacker's
 * tightest interval for a count of 1 or more is at least `max` wide (a perturbed 0 leaves 0..max,
 * a perturbed 1 leaves 1..1+max), so it is wider than this level.
 */
export const beschermingsniveau = (t: Ruistabel) => t.max - 1;

const MODULUS = 2 ** 32;

/** The record key of one person: fixed for a given secret, uniform on 0 .. 2^32 - 1. */
export function recordSleutels(geheim: string): (bsn: string) => number {
  if (geheim.length < 32) throw new RangeError('the cell key secret (MONITOR_CELSLEUTEL) must be at least 32 characters');
  return (bsn) => createHmac('sha256', geheim).update(bsn).digest().readUInt32BE(0);
}

/** Adds a record key to a cell key (modulo 2^32: exact, and independent of the order). */
export const plusSleutel = (cel: number, record: number) => (cel + record) % MODULUS;

/** What is shown of a perturbed value: null from 1 to `drempel` - 1 (one symbol, no reason), else the value. */
export const zichtbaar = (p: number, drempel: number): number | null => (p > 0 && p < drempel ? null : p);

/** The published value of a true count `n` whose cell key is `sleutel`. */
export function verstoor(n: number, sleutel: number, tabel: Ruistabel = RUISTABEL): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count must be a whole number, not negative; received ${n}`);
  if (n === 0) return 0;
  const m = Math.min(n, tabel.max);
  let totaal = 0;
  for (let v = -m; v <= m; v++) totaal += tabel.gewichten[Math.abs(v)];
  let grens = (sleutel / MODULUS) * totaal;
  for (let v = -m; v <= m; v++) {
    grens -= tabel.gewichten[Math.abs(v)];
    if (grens < 0) return n + v;
  }
  return n + m;
}
