import type { Caseloadzoekopdracht, DoorstroomStatus } from '../../adapters/leerplicht/port';
import { birthDateRange } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';
import type { RegionRegistry } from '../../lib/domain/regions';

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
/** What an activity lets this employee search: municipalities and ages (absent: no limit). */
export interface Zoekbereik { gemeenten?: Set<string>; leeftijd?: { van: number; tot: number } }

export function toZoekopdracht(
  args: { filter?: JongerenFilter | null; eerste: number; na?: string | null },
  regions: RegionRegistry,
  today: Date,
  maxPageSize: number,
  bereik: Zoekbereik = {},
): Caseloadzoekopdracht {
  const { filter, eerste, na } = args;
  if (eerste > maxPageSize) {
    throw new AppError('PAGE_SIZE_EXCEEDED', `eerste may be at most ${maxPageSize}; received ${eerste}`, { argument: 'eerste', maximum: maxPageSize });
  }
  if (eerste < 1) throw new AppError('BAD_USER_INPUT', `eerste must be at least 1; received ${eerste}`, { argument: 'eerste' });
  const q: Caseloadzoekopdracht = { limiet: eerste };
  if (na) q.na = decodeCursor(na);
  const f: JongerenFilter = filter ?? {};
  if (f.regio) {
    const regio = regions.get(f.regio);
    if (!regio) throw new AppError('BAD_USER_INPUT', `regio "${f.regio}" is not a region of this area`, { argument: 'filter.regio' });
    q.gemeenten = regio.gemeenten;
  }
  // The activity's scope narrows whatever the filter asked; it never widens it.
  if (bereik.gemeenten) q.gemeenten = (q.gemeenten ?? regions.gemeenten().map((g) => g.code)).filter((g) => bereik.gemeenten!.has(g));
  let van = f.leeftijdVanaf;
  let tot = f.leeftijdTot;
  for (const [name, value] of [['leeftijdVanaf', van], ['leeftijdTot', tot]] as const) {
    if (value !== null && value !== undefined && (value < 0 || value > 150)) {
      throw new AppError('BAD_USER_INPUT', `${name} must be between 0 and 150; received ${value}`, { argument: `filter.${name}` });
    }
  }
  if (van != null && tot != null && van > tot) {
    throw new AppError('BAD_USER_INPUT', `leeftijdVanaf (${van}) may not exceed leeftijdTot (${tot})`, { argument: 'filter' });
  }
  if (bereik.leeftijd) {
    van = Math.max(van ?? 0, bereik.leeftijd.van);
    tot = Math.min(tot ?? 150, bereik.leeftijd.tot - 1); // the filter's leeftijdTot is inclusive, the register's `tot` is not
    if (van > tot) q.gemeenten = [];
  }
  const range = birthDateRange(today, van ?? undefined, tot ?? undefined);
  if (range.vanaf) q.geboortedatumVanaf = range.vanaf;
  if (range.tot) q.geboortedatumTot = range.tot;
  if (f.zonderStartkwalificatie != null) q.zonderStartkwalificatie = f.zonderStartkwalificatie;
  if (f.doorstroomstatus) q.status = f.doorstroomstatus;
  return q;
}
