import type { GraphQLFormattedError } from 'graphql';
import { isoDate, type Clock } from '../../lib/domain/dates';
import type { InternalContext } from '../../lib/security/internal-context';
import type { RegionRegistry } from '../../lib/domain/regions';
import { startTrace, type TraceContext } from '../../lib/observability/trace';
import type { Persoonskenmerken } from '../../policies/scope';
import type { Besluit, Verwerkingsactiviteit } from '../../policies/types';
import type { AuditRecord } from '../../stores/audit';
import type { Beleid, BereikUitkomst, Vertegenwoordiging } from './beleid';
import type { BereikSoort } from '../../policies/declaraties';

const TOEGESTAAN: Besluit = { uitkomst: 'TOEGESTAAN' };

/** The activity the benchmark-only mode pretends to work under: no conditions, nothing it stands for. */
const ONBEPERKT: Verwerkingsactiviteit = {
  id: 'benchmark-zonder-handhaving', versie: 0, geldigVanaf: '0000-01-01', verwerkingsverantwoordelijke: '-', naam: 'Benchmark zonder handhaving',
  doel: 'De kosten van handhaving meten; nooit in gebruik', grondslag: { wet: '-', artikel: '-', avg6: 'e' }, rollen: [], categorieen: [], metToestemming: [],
  uitgezonderd: [], afgeleid: [], voorwaarden: {}, bewaartermijn: 'P0D', uri: 'urn:benchmark-zonder-handhaving',
};

/**
 * FOR THE ENFORCEMENT BENCHMARK ONLY: a policy that allows everything, records nothing and signs
 * nothing, so the benchmark measures what enforcement costs. Its scopes are unrestricted (every
 * municipality of the area, every age). Reachable from code only, never from configuration.
 */
export class OnbeperktBeleid implements Beleid {
  readonly activiteit = ONBEPERKT;
  readonly interne: InternalContext;
  readonly today: string;
  readonly trace: TraceContext = startTrace(undefined);
  constructor(private readonly regions: RegionRegistry, clock: Clock, deadline: number) {
    this.today = isoDate(clock());
    this.interne = { medewerker: 'benchmark', rol: 'benchmark', organisatie: null, bsn: null, activiteit: 'benchmark-zonder-handhaving@0', traceparent: '', deadline };
  }
  async beslisBereik(soort: BereikSoort): Promise<BereikUitkomst> {
    if (soort === 'CASELOAD') return { besluit: TOEGESTAAN, scope: { gemeenten: new Set(this.regions.gemeenten().map((g) => g.code)) } };
    if (soort === 'TOEZICHT') return { besluit: TOEGESTAAN, scope: { organisatie: null } };
    if (soort === 'OUD_STUDENTEN' || soort === 'ZELF') return { besluit: { uitkomst: 'BUITEN_BEREIK', reden: 'not measured by the benchmark' } };
    return { besluit: TOEGESTAAN };
  }
  async beslisRegel(): Promise<Besluit> { return TOEGESTAAN; }
  rijZichtbaar(): boolean { return true; }
  async beoordeel(): Promise<Besluit> { return TOEGESTAAN; }
  async beoordeelCategorie(): Promise<Besluit> { return TOEGESTAAN; }
  toegestaan(): boolean { return true; }
  bruikbaar(): boolean { return true; }
  feiten(ref: Vertegenwoordiging, eigen: Partial<Pick<Persoonskenmerken, 'gemeente' | 'geboortedatum' | 'onderwijs'>> = {}): Persoonskenmerken {
    return { bsn: ref.bsn, gemeente: eigen.gemeente ?? null, geboortedatum: eigen.geboortedatum ?? null, onderwijs: eigen.onderwijs ?? null };
  }
  tekenFeit(): string { return ''; }
  noteerFilter(): void {}
  registreer(): void {}
  registreerZonderPersoon(): void {}
  noteerWijziging(): void {}
  noteerZonderPersoon(): void {}
  meldFout(): void {}
  extraFouten(): GraphQLFormattedError[] { return []; }
  auditRecords(): AuditRecord[] { return []; }
}
