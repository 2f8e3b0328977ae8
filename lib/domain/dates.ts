/** A source of "now", injected so tests and the population agree on ages and windows. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** ISO calendar date (yyyy-mm-dd) of a Date, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/** Whole years between a birth date and `on` (the BRP's leeftijd). */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const oy = on.getUTCFullYear();
  const om = on.getUTCMonth() + 1;
  const od = on.getUTCDate();
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

export function addDays(date: string, days: number): string {
  return isoDate(new Date(parseIsoDate(date).getTime() + days * 86_400_000));
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The same calendar day `years` later (29 February falls back to 28 February only in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 && !isLeapYear(y + years) ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Birth-date bounds (inclusive) for people aged `from`..`to` (inclusive) on `on`. */
export function birthDateRange(on: Date, from?: number, to?: number): { vanaf?: string; tot?: string } {
  const today = isoDate(on);
  return {
    tot: from === undefined ? undefined : addYears(today, -from),
    vanaf: to === undefined ? undefined : addDays(addYears(today, -(to + 1)), 1),
  };
}

const MAANDEN = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];

/** "12 maart 2005", as the BRP API's langFormaat. */
export function langFormaat(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MAANDEN[m - 1]} ${y}`;
}

/** The same day `months` later, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Whether `value` is a real calendar date written as yyyy-mm-dd (2027-02-30 is not; 2028-02-29 is).
 * Every date a client sends is checked with this, never with Date.parse (which rolls over).
 */
export function isKalenderdatum(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const laatste = new Date(0);
  laatste.setUTCFullYear(y, mo, 0); // day 0 of the next month: the last day of this one (no two-digit-year mapping)
  return d <= laatste.getUTCDate();
}
