import { createHmac, randomBytes } from 'node:crypto';
import type { BrpBron } from '../../adapters/brp/port';
import type { DoorstroomBron } from '../../adapters/leerplicht/port';
import { isoDate, type Clock } from '../../lib/domain/dates';
import { BATCHES_IN_FLIGHT, inChunks } from '../../lib/sources/source';

/** Lower case, without diacritics, split into words: how both names and texts are compared. */
export function woordenVan(tekst: string): string[] {
  return tekst.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z'-]+/).filter(Boolean);
}

/**
 * The names of the young people of the area, to refuse programme texts that name one: each
 * name form (first name and surname, all given names and surname) kept only as a keyed hash made
 * for this process and held in memory, never as text. Built from the BRP when first needed and
 * again each month; `isNaam` asks whether any run of two to five words of a text is such a name.
 */
export function naamIndex(bronnen: { brp: BrpBron; doorstroom: DoorstroomBron }, gemeenten: () => string[], clock: Clock): (woorden: string[]) => Promise<boolean> {
  const sleutel = randomBytes(32);
  const hash = (woorden: string[]) => createHmac('sha256', sleutel).update(woorden.join(' ')).digest('base64url').slice(0, 22);
  let index: { maand: string; hashes: Promise<Set<string>> } | null = null;
  const bouw = async (): Promise<Set<string>> => {
    const bsns: string[] = [];
    for (let na: string | undefined; ;) {
      const page = await bronnen.doorstroom.zoek({ gemeenten: gemeenten(), limiet: bronnen.doorstroom.maxPageSize, na });
      bsns.push(...page.bsns);
      if (!page.meer || !page.bsns.length) break;
      na = page.bsns.at(-1);
    }
    const hashes = new Set<string>();
    await inChunks(bsns, bronnen.brp.batchSize, async (c) => {
      for (const p of (await bronnen.brp.personen(c)).values()) {
        const achternaam = woordenVan([p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' '));
        const voornamen = woordenVan(p.voornamen ?? '');
        if (!achternaam.length || !voornamen.length) continue;
        hashes.add(hash([voornamen[0], ...achternaam]));
        hashes.add(hash([...voornamen, ...achternaam]));
      }
      return [];
    }, BATCHES_IN_FLIGHT);
    return hashes;
  };
  return async (woorden) => {
    const maand = isoDate(clock()).slice(0, 7);
    if (!index || index.maand !== maand) {
      const hashes = bouw();
      index = { maand, hashes };
      hashes.catch(() => { if (index?.hashes === hashes) index = null; });
    }
    const set = await index.hashes;
    for (let i = 0; i < woorden.length; i++) {
      for (let n = 2; n <= 5 && i + n <= woorden.length; n++) if (set.has(hash(woorden.slice(i, i + n)))) return true;
    }
    return false;
  };
}
