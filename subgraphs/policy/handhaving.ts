import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Clock } from '../../lib/domain/dates';
import type { InternalContext } from '../../lib/security/internal-context';
import type { Metrics } from '../../lib/observability/metrics';
import { veiligeLog } from '../../lib/observability/veilig-log';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { AuditStore } from '../../stores/audit';
import { auditPlugin } from './audit-plugin';
import type { Beleid } from './beleid';
import type { BereikFeiten } from './guards';
import { OnbeperktBeleid } from './onbeperkt';
import { RequestPolicy, type PolicyDeps } from './request-policy';
import { policyLayer, scopeLayer, type KenmerkenLezer, type PolicyContext } from './shield';

/** What the enforcement needs to know of one subgraph: its schema and the facts its rules read. */
export interface BewaakteSubgraph<C extends PolicyContext> {
  name: string;
  typeDefs: DocumentNode;
  kenmerken?: KenmerkenLezer<C>;
  feiten?: BereikFeiten<C>;
}

/**
 * How a subgraph enforces the register. One interface, chosen once at start: the register's
 * enforcement (`handhavingVolgensRegister`), or, for the enforcement benchmark only, none
 * (`BENCHMARK_ZONDER_HANDHAVING`). Nothing else in a subgraph knows which one runs.
 */
export interface SubgraphHandhaving {
  readonly naam: string;
  /** The schema the subgraph serves: its own, with the guards this mode generates from its declarations. */
  schema<C extends PolicyContext>(def: BewaakteSubgraph<C>, base: GraphQLSchema): GraphQLSchema;
  /** The policy of one request: from the gateway's context header, bound to this very body. */
  beleid(header: string | undefined, body: string): Promise<Beleid>;
  /** Plugins around every request (the audit log, errors no resolver threw). */
  plugins(service: string, metrics?: Metrics): ApolloServerPlugin<PolicyContext>[];
  log(line: string): void;
}

/** What the register's enforcement needs: the context check, the register and stores, the audit log. */
export interface SubgraphSecurity {
  /** Checks the gateway context against the exact request body it must be bound to. */
  verify(header: string | undefined, body: string): Promise<InternalContext>;
  policy: PolicyDeps;
  audit: AuditStore;
  pseudonym(bsn: string): string;
  log?: (line: string) => void;
}

/** Appends the errors of what guards withheld without a resolver throwing (a derived list's lines). */
const extraFoutenPlugin: ApolloServerPlugin<PolicyContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const extra = contextValue?.beleid?.extraFouten() ?? [];
        if (!extra.length || response.body.kind !== 'single') return;
        response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
      },
    };
  },
};

/** The register's enforcement: signed contexts only, generated guards, the audit log written before the answer leaves (fail closed). */
export function handhavingVolgensRegister(security: SubgraphSecurity): SubgraphHandhaving {
  const uitgezonderd = new Set(security.policy.register.activiteiten.flatMap((a) => a.uitgezonderd));
  const log = veiligeLog(security.log ?? console.error);
  return {
    naam: 'register',
    schema: (def, base) => policyLayer(def.name, def.typeDefs, def.kenmerken, def.feiten ?? {}, uitgezonderd)(base),
    beleid: async (header, body) => new RequestPolicy(security.policy, await security.verify(header, body)),
    plugins: (service, metrics) => [auditPlugin(service, security.audit, security.pseudonym, log, metrics), extraFoutenPlugin],
    log,
  };
}

/**
 * FOR THE ENFORCEMENT BENCHMARK ONLY: no context check, no rules, no audit; entry points still get
 * a scope (unrestricted) so resolvers run as they do under enforcement. Reachable from code only.
 */
export function benchmarkZonderHandhaving(regions: RegionRegistry, clock: Clock, log: (line: string) => void = console.error): SubgraphHandhaving {
  return {
    naam: 'benchmark-zonder-handhaving',
    schema: (def, base) => scopeLayer(def.name, def.typeDefs, def.feiten ?? {})(base),
    beleid: async () => new OnbeperktBeleid(regions, clock, Date.now() + 30_000),
    plugins: () => [],
    log,
  };
}
