import fc from 'fast-check';
import { isValidBsn } from '../lib/domain/bsn';
import { bsnForIndex, indexForBsn, MAX_SYNTHETIC } from './bsn-allocation';

describe('synthetic BSN allocation', () => {
  it('gives every index a valid BSN that maps back to it', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_SYNTHETIC - 1 }), (index) => {
      const bsn = bsnForIndex(index);
      expect(isValidBsn(bsn)).toBe(true);
      expect(indexForBsn(bsn)).toBe(index);
    }), { numRuns: 5000 });
  });

  it('gives distinct BSNs to the first 100,000 indices', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(bsnForIndex(i));
    expect(seen.size).toBe(100_000);
  });

  it('never claims a BRP test person BSN (999xxxxxx)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
      expect(indexForBsn(`999${String(n).padStart(6, '0')}`)).toBeUndefined();
    }), { numRuns: 5000 });
  });

  it('does not claim BSNs outside its ranges', () => {
    expect(indexForBsn('999993550')).toBeUndefined();
    expect(indexForBsn('123456782')).toBeUndefined();
  });

  it('refuses indices it cannot allocate', () => {
    expect(() => bsnForIndex(MAX_SYNTHETIC)).toThrow(/index must be an integer/);
    expect(() => bsnForIndex(-1)).toThrow(RangeError);
  });
});
