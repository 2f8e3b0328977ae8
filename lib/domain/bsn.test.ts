import fc from 'fast-check';
import { assertBsn, checkDigit, elfproefSum, isValidBsn } from './bsn';
import { AppError } from '../errors';

const eightDigits = fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0'));

describe('BSN elfproef', () => {
  it('accepts every public BRP test person', () => {
    for (const bsn of ['999993653', '999992077', '000009921', '999990421']) expect(isValidBsn(bsn)).toBe(true);
  });

  it('accepts any eight digits completed with their check digit', () => {
    fc.assert(fc.property(eightDigits, (first8) => {
      const digit = checkDigit(first8);
      fc.pre(digit !== null && first8 !== '00000000');
      expect(isValidBsn(first8 + digit)).toBe(true);
    }));
  });

  it('rejects a valid BSN with any single digit changed', () => {
    fc.assert(fc.property(eightDigits, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (first8, pos, delta) => {
      const digit = checkDigit(first8);
      fc.pre(digit !== null);
      const bsn = first8 + digit;
      const changed = bsn.slice(0, pos) + ((Number(bsn[pos]) + delta) % 10) + bsn.slice(pos + 1);
      expect(isValidBsn(changed)).toBe(false);
    }));
  });

  it('computes the documented weighted sum', () => {
    expect(elfproefSum('999993653')).toBe(352);
  });

  it('names the broken rule in a BAD_USER_INPUT error', () => {
    const codeOf = (value: string) => {
      try { assertBsn(value); return null; } catch (e) { return [(e as AppError).extensions.code, (e as AppError).extensions.rule]; }
    };
    expect(codeOf('12345')).toEqual(['BAD_USER_INPUT', 'BSN_FORMAT']);
    expect(codeOf('12345678a')).toEqual(['BAD_USER_INPUT', 'BSN_FORMAT']);
    expect(codeOf('123456789')).toEqual(['BAD_USER_INPUT', 'BSN_ELFPROEF']);
    expect(codeOf('999993653')).toBeNull();
  });
});
