import fc from 'fast-check';
import { addYears, ageOn, birthDateRange, isoDate, langFormaat, parseIsoDate } from './dates';

const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map(isoDate);

describe('dates', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('2008-11-29', parseIsoDate('2026-11-28'))).toBe(17);
    expect(ageOn('2008-11-29', parseIsoDate('2026-11-29'))).toBe(18);
  });

  it('gives birth-date bounds that select exactly the ages asked for', () => {
    fc.assert(fc.property(day, day, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (today, birth, a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const range = birthDateRange(parseIsoDate(today), from, to);
      const inRange = (!range.vanaf || birth >= range.vanaf) && (!range.tot || birth <= range.tot);
      const age = ageOn(birth, parseIsoDate(today));
      expect(inRange).toBe(age >= from && age <= to);
    }));
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('writes the BRP long format', () => {
    expect(langFormaat('2005-03-12')).toBe('12 maart 2005');
  });
});

describe('birthDateRange follows the birthday rule of ageOn (29 February included)', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const day = fc.date({ min: new Date('1996-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => isoDate(d));
  const leapDays = fc.constantFrom('2008-02-29', '2012-02-29', '2016-02-29', '2028-02-29', '2032-02-29', '2026-02-28', '2027-03-01');
  it('puts a person inside the age bounds exactly when ageOn says their age is within them', () => {
    fc.assert(fc.property(fc.oneof(day, leapDays), fc.oneof(day, leapDays), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (birth, today, a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      if (birth > today) return;
      const range = birthDateRange(parseIsoDate(today), from, to);
      const inRange = (!range.vanaf || birth >= range.vanaf) && (!range.tot || birth <= range.tot);
      const age = ageOn(birth, parseIsoDate(today));
      expect([birth, today, from, to, inRange]).toEqual([birth, today, from, to, age >= from && age <= to]);
    }), { numRuns: 3000 });
  });
});
