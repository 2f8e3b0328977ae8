import type { Clock } from '../lib/domain/dates';
import { createContextVerifier } from '../lib/security/internal-context';
import type { RegionRegistry } from '../lib/domain/regions';
import type { ReplayCache } from '../lib/security/replay-cache';
import { loadRegister } from '../policies/register';
import type { SubgraphName } from '../schema/compose';
import { SqliteAuditStore } from '../stores/audit';
import { SqliteConsentStore } from '../stores/consent';
import { SqliteNazorgStore } from '../stores/nazorg';
import { SqliteProgrammaStore } from '../stores/programma';
import { SqliteCijferStore } from '../stores/cijfers';
import { FEITEN, feitControleur, feitOndertekenaar, feitsleutel } from '../subgraphs/policy/feiten';
import { benchmarkZonderHandhaving, handhavingVolgensRegister, type SubgraphHandhaving } from '../subgraphs/policy/handhaving';
import type { SecurityKit } from './security';

/** The register and the stores the domains keep, whatever the enforcement mode. */
export type Opslag = Pick<SecurityKit, 'register' | 'audit' | 'consent' | 'nazorg' | 'programma' | 'cijfers' | 'pseudonym'> & { close(): Promise<void> };

/** What one subgraph's enforcement needs from its process. */
export interface SubgraphOmgeving { regions: RegionRegistry; clock: Clock; replays?: ReplayCache; log?: (line: string) => void }

/**
 * How the system enforces the register, chosen once at start: the register's enforcement on the
 * security kit, or, for the enforcement benchmark only, none. Services ask it for their
 * subgraph's enforcement and for the stores; none of them knows which mode runs.
 */
export interface Systeemmodus {
  readonly naam: string;
  subgraph(name: SubgraphName, omgeving: SubgraphOmgeving): SubgraphHandhaving;
  opslag: Opslag;
}

/** The register's enforcement: each subgraph checks contexts with its own derived key and signs or checks the policy facts. */
export function registerModus(kit: SecurityKit): Systeemmodus {
  return {
    naam: 'register',
    opslag: kit,
    subgraph(name, o) {
      const key = kit.subgraphKey(name);
      const owns = FEITEN.some((f) => f.eigenaar === name);
      return handhavingVolgensRegister({
        verify: createContextVerifier(key, name, { replays: o.replays }),
        policy: {
          register: kit.register, regions: o.regions, consent: kit.consent, clock: o.clock,
          feiten: {
            ondertekenaar: owns ? feitOndertekenaar(name, kit.feitSleutels(name)) : undefined,
            controleur: feitControleur(name, Object.fromEntries(FEITEN.map((f) => [f.eigenaar, feitsleutel(key, f.eigenaar)]))),
          },
        },
        audit: kit.audit, pseudonym: kit.pseudonym, log: o.log,
      });
    },
  };
}

/** FOR THE ENFORCEMENT BENCHMARK ONLY: no enforcement, stores in memory. Reachable from code only, never from configuration. */
export function benchmarkModus(): Systeemmodus {
  const opslag: Opslag = {
    register: loadRegister(), audit: new SqliteAuditStore(':memory:'), consent: new SqliteConsentStore(':memory:'), nazorg: new SqliteNazorgStore(':memory:'),
    programma: new SqliteProgrammaStore(':memory:'), cijfers: new SqliteCijferStore(':memory:'), pseudonym: (bsn) => bsn,
    async close() { await Promise.all([opslag.audit.close(), opslag.consent.close(), opslag.nazorg.close(), opslag.programma.close(), opslag.cijfers.close()]); },
  };
  return { naam: 'benchmark-zonder-handhaving', opslag, subgraph: (_name, o) => benchmarkZonderHandhaving(o.regions, o.clock, o.log) };
}
