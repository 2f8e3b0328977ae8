import { checkDigit } from '../lib/domain/bsn';

/**
 * Synthetic BSNs that are derivable from a person's index and back, so a population of a
 * million needs no lookup table. Index i gets prefix 90_000_000 + i; when no check digit makes
 * that valid (1 in 11), 97_000_000 + i, which always is (raising the second digit by 7 adds
 * 56 = 1 mod 11 to the weighted sum, so the remainder 10 becomes 0). The BRP test persons
 * (999...) and these ranges never meet.
 */
const PRIMARY = 90_000_000;
const ALTERNATE = 97_000_000;
/**
 * Below this, both ranges stay under prefix 99_900_000 (where the BRP test persons 999xxxxxx
 * live) and the +7 on the second digit never carries.
 */
export const MAX_SYNTHETIC = 2_900_000;

export function bsnForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_SYNTHETIC) {
    throw new RangeError(`index must be an integer in 0..${MAX_SYNTHETIC - 1}; received ${index}`);
  }
  const primary = String(PRIMARY + index);
  const digit = checkDigit(primary);
  if (digit !== null) return primary + digit;
  const alternate = String(ALTERNATE + index);
  return alternate + checkDigit(alternate);
}

/** The index a synthetic BSN was allocated to, or undefined when it is not one of ours. */
export function indexForBsn(bsn: string): number | undefined {
  const prefix = Number(bsn.slice(0, 8));
  for (const base of [PRIMARY, ALTERNATE]) {
    const index = prefix - base;
    if (index >= 0 && index < MAX_SYNTHETIC && bsnForIndex(index) === bsn) return index;
  }
  return undefined;
}
