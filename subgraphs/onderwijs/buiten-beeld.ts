import type { BrpBron } from '../../adapters/brp/port';
import type { DoorstroomBron } from '../../adapters/leerplicht/port';
import type { ParticipatieBron } from '../../adapters/participatie/port';
import { isLopend, type ZorgBron } from '../../adapters/zorg/port';
import { ageOn, parseIsoDate } from '../../lib/domain/dates';
import { BATCHES_IN_FLIGHT, inChunks } from '../../lib/sources/source';
import { AppError } from '../../lib/errors';
import { isStartkwalificatie } from './history';
import type { OnderwijsStore } from './store';

/** The sources the out-of-sight list asks, each in batches of its own size. */
export interface BuitenBeeldBronnen { brp: BrpBron; participatie: ParticipatieBron; zorg: ZorgBron; doorstroom: DoorstroomBron }

export interface BuitenBeeldVraag {
  /** The municipalities of the coach's Doorstroompunt region. */
  gemeenten: Set<string>;
  /** Ages as the register writes them: `van` included, `tot` not. */
  leeftijd: { van: number; tot: number };
  /**
   * The sources (`Type.veld`, as `Query.buitenBeeld` declares them) the activity may use for this
   * signal: a source not among them is not asked, and what it would show does not count.
   */
  bronnen: ReadonlySet<string>;
  today: Date;
  deadline?: number;
}

/** The source fields each system stands for in the declaration of `Query.buitenBeeld`. */
export const BRONVELDEN = {
  werk: 'Jongere.heeftWerk', uitkering: 'Jongere.heeftUitkering', reintegratie: 'Jongere.reintegratietrajecten',
  doorstroom: 'Jongere.doorstroomtrajecten', zorg: 'Jongere.heeftZorgtoewijzing',
} as const;

/** One young person out of sight, and since when (ISO date): the latest end of anything that connected them. */
export interface BuitenBeeld { bsn: string; sinds: string }

const later = (a: string | null | undefined, b: string | null | undefined): string | null => (!a ? b ?? null : !b ? a : a > b ? a : b);

/**
 * Young people out of sight in a region, longest first: living there (BRP) and within the ages,
 * without a startkwalificatie and not enrolled (as DUO delivered it), and not in view of any other
 * source the activity may use (`vraag.bronnen`): work today (Polis), a benefit or running
 * re-integration trajectory, a running Doorstroompunt trajectory, current care. Each source is
 * asked only about who is still a candidate, in batches of its size: never one call per person.
 */
export async function zoekBuitenBeeld(store: OnderwijsStore, bronnen: BuitenBeeldBronnen, vraag: BuitenBeeldVraag): Promise<BuitenBeeld[]> {
  const dag = vraag.today.toISOString().slice(0, 10);
  const aanroep = { deadline: vraag.deadline };
  // Education first (our own store): no startkwalificatie and no open enrolment.
  const sinds = new Map<string, string | null>();
  for (const [bsn, h] of store.historieVan(store.personenIn([...vraag.gemeenten]))) {
    if (h.diplomas.some(isStartkwalificatie) || h.inschrijvingen.some((i) => i.einddatum === null)) continue;
    sinds.set(bsn, h.inschrijvingen.reduce<string | null>((s, i) => later(s, i.einddatum), null));
  }
  // The BRP: living in the region today, and within the ages.
  const personen = await inChunks([...sinds.keys()], bronnen.brp.batchSize, async (c) => [...(await bronnen.brp.personen(c, aanroep)).values()], BATCHES_IN_FLIGHT);
  const inRegio = new Set(personen.filter((p) => p.gemeenteCode && vraag.gemeenten.has(p.gemeenteCode) && p.geboortedatum
    && ageOn(p.geboortedatum, vraag.today) >= vraag.leeftijd.van && ageOn(p.geboortedatum, vraag.today) < vraag.leeftijd.tot).map((p) => p.bsn));
  let kandidaten = [...sinds.keys()].filter((b) => inRegio.has(b));
  const mag = (veld: string) => vraag.bronnen.has(veld);
  const uit = new Set<string>();
  // Work and income, as far as the activity may use them: work today, a benefit, a running trajectory.
  if (mag(BRONVELDEN.werk) || mag(BRONVELDEN.uitkering) || mag(BRONVELDEN.reintegratie)) {
    const participatie = await inChunks(kandidaten, bronnen.participatie.batchSize, async (c) => [...(await bronnen.participatie.dossiers(c, aanroep)).entries()], BATCHES_IN_FLIGHT);
    for (const [bsn, d] of participatie) {
      const werk = mag(BRONVELDEN.werk) ? d.dienstverbanden : [];
      const trajecten = mag(BRONVELDEN.reintegratie) ? d.trajecten : [];
      if ((mag(BRONVELDEN.uitkering) && d.uitkering) || trajecten.some((t) => t.einddatum === null) || werk.some((w) => w.begindatum <= dag && (w.einddatum === null || w.einddatum >= dag))) uit.add(bsn);
      sinds.set(bsn, [...werk.map((w) => w.einddatum), ...trajecten.map((t) => t.einddatum)].reduce<string | null>(later, sinds.get(bsn) ?? null));
    }
    kandidaten = kandidaten.filter((b) => !uit.has(b));
  }
  // The Doorstroompunt's own register: no running trajectory.
  if (mag(BRONVELDEN.doorstroom)) {
    const dossiers = await inChunks(kandidaten, bronnen.doorstroom.batchSize, async (c) => [...(await bronnen.doorstroom.dossiers(c, aanroep)).entries()], BATCHES_IN_FLIGHT);
    for (const [bsn, d] of dossiers) {
      if (d.trajecten.some((t) => t.status !== 'AFGESLOTEN')) uit.add(bsn);
      sinds.set(bsn, d.trajecten.map((t) => t.einddatum).reduce<string | null>(later, sinds.get(bsn) ?? null));
    }
    kandidaten = kandidaten.filter((b) => !uit.has(b));
  }
  // Care: no current allocation of any kind (which kind is never said), where the activity may use care at all.
  if (mag(BRONVELDEN.zorg)) {
    const zorg = await inChunks(kandidaten, bronnen.zorg.batchSize, async (c) => [...(await bronnen.zorg.toewijzingen(c, aanroep)).entries()], BATCHES_IN_FLIGHT);
    for (const [bsn, ts] of zorg) {
      if (ts.some((t) => isLopend(t, dag))) uit.add(bsn);
      sinds.set(bsn, ts.map((t) => t.stopZorg ?? t.einddatum).filter((d) => d !== null && d <= dag).reduce<string | null>(later, sinds.get(bsn) ?? null));
    }
  }
  return kandidaten.filter((b) => !uit.has(b)).map((bsn) => ({ bsn, sinds: sinds.get(bsn) ?? dag }))
    .sort((a, b) => a.sinds.localeCompare(b.sinds) || a.bsn.localeCompare(b.bsn));
}

const PREFIX = 'bb:';
export const buitenBeeldCursor = (b: BuitenBeeld) => Buffer.from(`${PREFIX}${b.sinds}|${b.bsn}`).toString('base64url');

/** The page after `na` (a cursor of a previous page), `eerste` long (1-500). */
export function pagina(lijst: BuitenBeeld[], eerste: number, na: string | null | undefined): { items: BuitenBeeld[]; volgendeCursor: string | null } {
  if (!Number.isInteger(eerste) || eerste < 1 || eerste > 500) throw new AppError('BAD_USER_INPUT', `eerste must be 1-500; received ${eerste}`, { argument: 'eerste' });
  let start = 0;
  if (na) {
    const text = Buffer.from(na, 'base64url').toString('utf8');
    const m = /^bb:(\d{4}-\d{2}-\d{2})\|(\d{9})$/.exec(text);
    if (!m) throw new AppError('BAD_USER_INPUT', 'na must be a volgendeCursor returned by a previous page', { argument: 'na' });
    start = lijst.findIndex((b) => b.sinds > m[1] || (b.sinds === m[1] && b.bsn > m[2]));
    if (start < 0) start = lijst.length;
  }
  const items = lijst.slice(start, start + eerste);
  return { items, volgendeCursor: start + eerste < lijst.length && items.length ? buitenBeeldCursor(items.at(-1)!) : null };
}

/** Days between two ISO dates. */
export const dagenTussen = (van: string, tot: Date) => Math.floor((tot.getTime() - parseIsoDate(van).getTime()) / 86_400_000);
