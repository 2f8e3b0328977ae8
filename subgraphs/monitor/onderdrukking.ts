/**
 * Disclosure control for a table of counts with additive relations (a region is the sum of its
 * municipalities, the total the sum of its age bands, a quarter the sum of its months).
 *
 * Primary: every cell with 0 < n < `drempel` is suppressed. Complementary: as long as some
 * relation has exactly one suppressed cell (which its published total minus its published parts
 * would give away), one more cell of that relation is suppressed — its smallest non-zero part,
 * else any part, else its total — and the relations of that cell are checked again. At the end no
 * relation has exactly one suppressed cell.
 */
export interface Relatie { totaal: string; delen: string[] }
export type Reden = 'KLEINE_CEL' | 'AANVULLEND';

export function onderdruk(cellen: ReadonlyMap<string, number>, relaties: readonly Relatie[], drempel: number): Map<string, Reden> {
  if (!Number.isInteger(drempel) || drempel < 1) throw new RangeError(`the suppression threshold must be a positive integer; received ${drempel}`);
  const onderdrukt = new Map<string, Reden>();
  for (const [k, n] of cellen) if (n > 0 && n < drempel) onderdrukt.set(k, 'KLEINE_CEL');
  const van = new Map<string, number[]>();
  relaties.forEach((r, i) => { for (const k of [r.totaal, ...r.delen]) { let l = van.get(k); if (!l) van.set(k, (l = [])); l.push(i); } });
  const wachtrij = relaties.map((_, i) => i);
  const inWachtrij = new Set(wachtrij);
  while (wachtrij.length) {
    const i = wachtrij.pop()!;
    inWachtrij.delete(i);
    const r = relaties[i];
    const alle = [r.totaal, ...r.delen];
    if (alle.filter((k) => onderdrukt.has(k)).length !== 1) continue;
    const open = r.delen.filter((k) => !onderdrukt.has(k)).sort((a, b) => score(cellen.get(a) ?? 0) - score(cellen.get(b) ?? 0) || a.localeCompare(b));
    const extra = open[0] ?? (onderdrukt.has(r.totaal) ? undefined : r.totaal);
    if (extra === undefined) continue;
    onderdrukt.set(extra, 'AANVULLEND');
    for (const j of van.get(extra) ?? []) if (!inWachtrij.has(j)) { inWachtrij.add(j); wachtrij.push(j); }
    if (!inWachtrij.has(i)) { inWachtrij.add(i); wachtrij.push(i); }
  }
  return onderdrukt;
}

/** Smallest non-zero first; zeros last (suppressing a zero hides little). */
const score = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);
