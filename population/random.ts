import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { addDays, parseIsoDate } from '../lib/domain/dates';

/** A seeded draw source for one person; every person gets its own from (seed, index, attempt). */
export class Draw {
  private readonly rng: RandomGenerator;
  constructor(seed: number, index: number, attempt = 0) {
    this.rng = xoroshiro128plus(mix(seed, index, attempt));
  }
  /** Integer in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return uniformFloat64(this.rng) < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[uniformInt(this.rng, 0, items.length - 1)];
  }
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let r = uniformFloat64(this.rng) * total;
    for (const [value, w] of options) if ((r -= w) < 0) return value;
    return options[options.length - 1][0];
  }
  /** A date between `from` and `to` inclusive (ISO strings). */
  dateBetween(from: string, to: string): string {
    const span = Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
    return span <= 0 ? from : addDays(from, this.int(0, span));
  }
}

function mix(seed: number, index: number, attempt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(attempt + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h | 0;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
