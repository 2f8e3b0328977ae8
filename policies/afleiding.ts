import type { Afleiding, Bron } from './declaraties';
import { regelsPerSoort } from './declaraties';
import type { Besluit } from './types';

/** A refusal of one source of a derived list, for the whole list (never per line: that would tell which lines exist). */
export interface BronWeigering { bron: Bron; besluit: Exclude<Besluit, { uitkomst: 'TOEGESTAAN' }> }
/** A refusal of one attribute of one served line. */
export interface AttribuutWeigering extends BronWeigering { index: number; attribuut: string }

export interface RegelUitkomst<T> {
  lijnen: T[];
  /** Every kind of line whose source is refused, whether or not this person has such a line. */
  geweigerd: BronWeigering[];
  attributen: AttribuutWeigering[];
  /** The categories actually disclosed by the lines served. */
  verstrekt: Set<string>;
}

/**
 * Decides a derived list line by line and attribute by attribute, exactly as each source field
 * would be decided (`besluit`): a line whose source is refused is left out, an attribute whose own
 * source is refused is emptied, and lines that became identical are merged (their number would
 * tell what was withheld). A line of a kind the declaration does not know is left out.
 */
export function beslisRegels<T extends Record<string, unknown>>(lijnen: readonly T[], afleiding: Afleiding, besluit: (bron: Bron) => Besluit): RegelUitkomst<T> {
  const soorten = regelsPerSoort(afleiding);
  const perBron = new Map<string, Besluit>();
  const beslis = (bron: Bron) => {
    let b = perBron.get(bron.veld);
    if (!b) perBron.set(bron.veld, (b = besluit(bron)));
    return b;
  };
  const geweigerd: BronWeigering[] = [];
  for (const { bron } of soorten.values()) {
    const b = beslis(bron);
    if (b.uitkomst !== 'TOEGESTAAN' && !geweigerd.some((g) => g.bron.veld === bron.veld)) geweigerd.push({ bron, besluit: b });
  }
  const verstrekt = new Set<string>();
  const gezien = new Set<string>();
  const uit: T[] = [];
  const attributen: AttribuutWeigering[] = [];
  for (const lijn of lijnen) {
    const soort = soorten.get(String(lijn[afleiding.soortVeld ?? '']));
    if (!soort || beslis(soort.bron).uitkomst !== 'TOEGESTAAN') continue;
    const kopie: Record<string, unknown> = { ...lijn };
    const weg: { attribuut: string; bron: Bron; besluit: Exclude<Besluit, { uitkomst: 'TOEGESTAAN' }> }[] = [];
    for (const [attribuut, bron] of soort.attributen) {
      const b = beslis(bron);
      if (b.uitkomst === 'TOEGESTAAN') { if (kopie[attribuut] !== null && kopie[attribuut] !== undefined) verstrekt.add(bron.categorie); continue; }
      kopie[attribuut] = null;
      weg.push({ attribuut, bron, besluit: b });
    }
    const sleutel = JSON.stringify(Object.keys(kopie).sort().map((k) => [k, kopie[k]]));
    if (gezien.has(sleutel)) continue;
    gezien.add(sleutel);
    verstrekt.add(soort.bron.categorie);
    for (const w of weg) attributen.push({ ...w, index: uit.length });
    uit.push(kopie as T);
  }
  return { lijnen: uit, geweigerd, attributen, verstrekt };
}
