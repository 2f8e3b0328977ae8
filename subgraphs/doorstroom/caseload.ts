import type { Caseloadzoekopdracht, DoorstroomStatus } from '../../adapters/leerplicht/port';
import { birthDateRange } from '../../lib/dates';
import { AppError } from '../../lib/errors';
import type { RegionRegistry } from '../../lib/regions';

export interface JongerenFilter {
  regio?: string | null;
  leeftijdVanaf?: number | null;
  leeftijdTot?: number | null;
  zonderStartkwalificatie?: boolean | null;
  doorstroomstatus?: DoorstroomStatus | null;
}

const CURSOR_PREFIX = 'na:';

export function encodeCursor(bsn: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${bsn}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || !/^\d{9}$/.test(text.slice(CURSOR_PREFIX.length))) {
    throw new AppError('BAD_USER_INPUT', 'na must be a volgendeCursor returned by a previous page', { argument: 'na' });
  }
  return text.slice(CURSOR_PREFIX.length);
}

/**
 * Turns the GraphQL arguments of `jongeren` into the case system's search, validating every
 * rule with a stable code. Ages become birth-date bounds on `today`.
 */
export function toZoekopdracht(
  args: { filter?: JongerenFilter | null; eerste: number; na?: string | null },
  regions: RegionRegistry,
  today: Date,
  maxPageSize: number,
): Caseloadzoekopdracht {
  const { filter, eerste, na } = args;
  if (eerste > maxPageSize) {
    throw new AppError('PAGE_SIZE_EXCEEDED', `eerste may be at most ${maxPageSize}; received ${eerste}`, { argument: 'eerste', maximum: maxPageSize });
  }
  if (eerste < 1) throw new AppError('BAD_USER_INPUT', `eerste must be at least 1; received ${eerste}`, { argument: 'eerste' });
  const q: Caseloadzoekopdracht = { limiet: eerste };
  if (na) q.na = decodeCursor(na);
  if (!filter) return q;
  if (filter.regio) {
    const regio = regions.get(filter.regio);
    if (!regio) throw new AppError('BAD_USER_INPUT', `regio "${filter.regio}" is not a region of this area`, { argument: 'filter.regio' });
    q.gemeenten = regio.gemeenten;
  }
  const { leeftijdVanaf: van, leeftijdTot: tot } = filter;
  for (const [name, value] of [['leeftijdVanaf', van], ['leeftijdTot', tot]] as const) {
    if (value !== null && value !== undefined && (value < 0 || value > 150)) {
      throw new AppError('BAD_USER_INPUT', `${name} must be between 0 and 150; received ${value}`, { argument: `filter.${name}` });
    }
  }
  if (van != null && tot != null && van > tot) {
    throw new AppError('BAD_USER_INPUT', `leeftijdVanaf (${van}) may not exceed leeftijdTot (${tot})`, { argument: 'filter' });
  }
  const range = birthDateRange(today, van ?? undefined, tot ?? undefined);
  if (range.vanaf) q.geboortedatumVanaf = range.vanaf;
  if (range.tot) q.geboortedatumTot = range.tot;
  if (filter.zonderStartkwalificatie != null) q.zonderStartkwalificatie = filter.zonderStartkwalificatie;
  if (filter.doorstroomstatus) q.status = filter.doorstroomstatus;
  return q;
}
