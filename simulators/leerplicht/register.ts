import type { Population } from '../../population/generator';
import { heeftStartkwalificatie, huidigeDoorstroomStatus } from '../../population/generator';

const STATUSES = [null, 'AANGEMELD', 'ACTIEF', 'AFGESLOTEN'] as const;

export interface Zoekopdracht {
  gemeenten?: string[];
  geboortedatumVanaf?: string;
  geboortedatumTot?: string;
  zonderStartkwalificatie?: boolean;
  status?: 'AANGEMELD' | 'ACTIEF' | 'AFGESLOTEN';
  na?: string;
  limiet: number;
}

/**
 * The case system's register of young people, as compact columns (a few bytes a person), so
 * a caseload search over a million people needs no per-person objects. Rows are kept in BSN
 * order for keyset pagination.
 */
export class Jongerenregister {
  private readonly bsns: string[] = [];
  private readonly gemeente: Uint8Array;
  private readonly geboorte: string[] = [];
  private readonly sk: Uint8Array;
  private readonly status: Uint8Array;
  private readonly gemeenteCodes: string[];

  constructor(population: Population) {
    this.gemeenteCodes = population.regions.gemeenten().map((g) => g.code);
    const n = population.size;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(population.bsnAt(a), population.bsnAt(b)));
    this.gemeente = new Uint8Array(n);
    this.sk = new Uint8Array(n);
    this.status = new Uint8Array(n);
    order.forEach((index, row) => {
      const p = population.person(index);
      this.bsns.push(p.bsn);
      this.geboorte.push(p.geboortedatum);
      this.gemeente[row] = this.gemeenteCodes.indexOf(p.gemeenteCode);
      this.sk[row] = heeftStartkwalificatie(p) ? 1 : 0;
      this.status[row] = STATUSES.indexOf(huidigeDoorstroomStatus(p));
    });
  }

  zoek(q: Zoekopdracht): { totaal: number; bsns: string[]; meer: boolean } {
    const gemeenten = q.gemeenten ? new Set(q.gemeenten.map((g) => this.gemeenteCodes.indexOf(g))) : null;
    const status = q.status ? STATUSES.indexOf(q.status) : -1;
    let totaal = 0;
    let meer = false;
    const bsns: string[] = [];
    for (let row = 0; row < this.bsns.length; row++) {
      if (gemeenten && !gemeenten.has(this.gemeente[row])) continue;
      if (q.geboortedatumVanaf && this.geboorte[row] < q.geboortedatumVanaf) continue;
      if (q.geboortedatumTot && this.geboorte[row] > q.geboortedatumTot) continue;
      if (q.zonderStartkwalificatie !== undefined && (this.sk[row] === 0) !== q.zonderStartkwalificatie) continue;
      if (status >= 0 && this.status[row] !== status) continue;
      totaal++;
      if (q.na && this.bsns[row] <= q.na) continue;
      if (bsns.length < q.limiet) bsns.push(this.bsns[row]);
      else meer = true;
    }
    return { totaal, bsns, meer };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
