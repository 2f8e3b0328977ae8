import loadHighs from 'highs';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { Atoom } from './monitor';

/**
 * An attacker's audit of the published figures, as τ-ARGUS audits a protected table: for every
 * cell, the tightest interval for its true value that everything published allows, by linear
 * programming (HiGHS).
 *
 * The attacker here knows more than any real one: the method and its parameters (docs/monitor.md),
 * every published value of every region, band and period in scope, which values are not published
 * (and so lie from 1 to the threshold minus one), and even the composition of every cell out of
 * atoms — which combinations of indicators can occur among the people of each municipality, band
 * and month (the audit lists those that do) — but not how many people each atom has (none, for all
 * the attacker knows) or how it was perturbed. Per atom j the unknowns are its true size n_j >= 0
 * and its perturbed size p_j, with |p_j - n_j| <= max and
 * 0 <= p_j <= 2 n_j (noise never exceeds the count); every published value is the sum of its
 * atoms' perturbed sizes.
 */
export interface AuditCel { sleutel: string; waar: number; min: number; max: number }

export interface AuditInvoer {
  atomen: Atoom[];
  indicatoren: string[];
  /** Periods in scope: a month, or a quarter of three months (summed: for flows only). */
  periodes: { code: string; maanden: string[] }[];
  regions: RegionRegistry;
  /** Published values per `indicator|regio|periode|klasse`; null where not published. */
  gepubliceerd: Map<string, number | null>;
  maxRuis: number;
  drempel: number;
}

const BANDEN = ['L16_17', 'L18_22', 'L23_26'];

export async function auditeer(o: AuditInvoer): Promise<{ cellen: AuditCel[]; rijen: number; kolommen: number }> {
  const highs = await loadHighs();
  const atomIndex = new Map(o.atomen.map((a, j) => [a, j]));
  // Columns: n_j at 2j, p_j at 2j+1.
  const numCols = 2 * o.atomen.length;
  const rows: { idx: number[]; val: number[]; lo: number; hi: number }[] = [];
  o.atomen.forEach((_, j) => {
    rows.push({ idx: [2 * j + 1, 2 * j], val: [1, -1], lo: -Infinity, hi: o.maxRuis });
    rows.push({ idx: [2 * j, 2 * j + 1], val: [1, -1], lo: -Infinity, hi: o.maxRuis });
    rows.push({ idx: [2 * j + 1, 2 * j], val: [1, -2], lo: -Infinity, hi: 0 });
  });
  const doelen: { sleutel: string; idx: number[]; val: number[]; waar: number }[] = [];
  const perGemeente = new Map<string, Atoom[]>();
  for (const a of o.atomen) { const l = perGemeente.get(a.gemeente) ?? []; l.push(a); perGemeente.set(a.gemeente, l); }
  for (const ind of o.indicatoren) for (const regio of o.regions.all()) for (const periode of o.periodes) for (const klasse of [...BANDEN, 'TOTAAL']) {
    const sleutel = `${ind}|${regio.code}|${periode.code}|${klasse}`;
    const leden = regio.gemeenten.flatMap((g) => perGemeente.get(g) ?? [])
      .filter((a) => (a.c[ind] ?? 0) > 0 && periode.maanden.includes(a.maand) && (klasse === 'TOTAAL' || a.band === klasse));
    const waarde = o.gepubliceerd.get(sleutel);
    if (waarde === undefined) throw new Error(`the audit misses the published cell ${sleutel}`);
    leden.sort((a, b) => atomIndex.get(a)! - atomIndex.get(b)!);
    const idx = leden.map((a) => 2 * atomIndex.get(a)! + 1);
    const val = leden.map((a) => a.c[ind]);
    if (!leden.length) {
      // Nobody: published as 0, and the attacker learns nothing from it that the audit has to weigh.
      if (waarde !== 0) throw new Error(`${sleutel} has no members but is published as ${waarde}`);
      continue;
    }
    rows.push(waarde === null ? { idx, val, lo: 1, hi: o.drempel - 1 } : { idx, val, lo: waarde, hi: waarde });
    doelen.push({ sleutel, idx: idx.map((i) => i - 1), val, waar: leden.reduce((s, a) => s + a.c[ind] * a.n, 0) });
  }
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) { indices.push(...r.idx); values.push(...r.val); starts.push(indices.length); }
  const inf = highs.infinity;
  const model = highs.createModel({
    numCols, numRows: rows.length, colCost: new Float64Array(numCols),
    colLower: new Float64Array(numCols), colUpper: new Array(numCols).fill(inf),
    rowLower: rows.map((r) => (r.lo === -Infinity ? -inf : r.lo)), rowUpper: rows.map((r) => (r.hi === Infinity ? inf : r.hi)),
    matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false });
    const cellen: AuditCel[] = [];
    let vorige: number[] = [];
    for (const d of doelen) {
      if (vorige.length) model.changeColsCost({ kind: 'set', indices: vorige }, new Array(vorige.length).fill(0));
      model.changeColsCost({ kind: 'set', indices: d.idx }, d.val);
      vorige = d.idx;
      const grens = (zin: 'minimize' | 'maximize') => {
        model.changeObjectiveSense(highs.constants.objectiveSense[zin]);
        const { modelStatus } = model.run();
        if (modelStatus !== highs.constants.modelStatus.optimal) throw new Error(`the audit's LP for ${d.sleutel} ended with status ${modelStatus}: the published figures contradict the method`);
        return model.getObjectiveValue();
      };
      cellen.push({ sleutel: d.sleutel, waar: d.waar, min: grens('minimize'), max: grens('maximize') });
    }
    return { cellen, rijen: rows.length, kolommen: numCols };
  } finally {
    model.dispose();
  }
}
