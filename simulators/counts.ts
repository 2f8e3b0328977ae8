import type { Population } from '../population/generator';
import type { SynthPersoon } from '../population/types';

/**
 * Per-municipality sums of what `measure` returns for each person, computed once on first use
 * (a source system's own reporting table).
 */
export function countPerGemeente<K extends string>(
  population: Population,
  measure: (p: SynthPersoon) => Record<K, number>,
): () => Map<string, Record<K, number>> {
  let table: Map<string, Record<K, number>> | undefined;
  return () => {
    if (table) return table;
    table = new Map();
    for (const p of population.persons()) {
      const m = measure(p);
      const row = table.get(p.gemeenteCode) ?? (Object.fromEntries(Object.keys(m).map((k) => [k, 0])) as Record<K, number>);
      for (const k of Object.keys(m) as K[]) row[k] += m[k];
      table.set(p.gemeenteCode, row);
    }
    return table;
  };
}
