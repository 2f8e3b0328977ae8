import { startSystem, type RunningSystem, type SystemOptions } from '../../system';
import { gql } from './graphql';

/** The fixed day the test population is generated for and the system believes it is. */
export const TEST_DAY = '2026-11-01';
export const testClock = () => new Date(`${TEST_DAY}T12:00:00Z`);

/** Starts the whole system on free loopback ports, with the default population size, in memory. */
export function startTestSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  return startSystem({
    population: { seed: 20260101, size: 10_000, peildatum: TEST_DAY },
    clock: testClock,
    ports: { gateway: 0 },
    dataDir: ':memory:',
    // Generous: on a busy machine a healthy source can be slow; fault tests inject their own.
    sourceTimeoutMs: 15_000,
    requestTimeoutMs: 60_000,
    // Tests send many requests as one employee; the rate-limit test sets its own budgets.
    rateLimits: { perEmployee: 100_000_000, perOrganisation: 100_000_000 },
    log: () => {},
    ...options,
  });
}

/** Who asks, and under which processing activity. */
export interface Identity { role: string; org?: string; bsn?: string; activity: string; sub?: string }

export async function tokenFor(system: RunningSystem, who: Omit<Identity, 'activity'>, options: { ttlSeconds?: number; now?: Date; audience?: string } = {}): Promise<string> {
  return system.security!.devIssuer!.sign({ sub: who.sub ?? `test-${who.role}`, roles: [who.role], org: who.org, bsn: who.bsn }, { now: system.clock(), ...options });
}

export async function headersFor(system: RunningSystem, who: Identity): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(system, who)}`, 'x-verwerkingsactiviteit': who.activity };
}

/** A GraphQL request as `who`. */
export async function gqlAs(system: RunningSystem, who: Identity, query: string, variables?: Record<string, unknown>) {
  return gql(system.gatewayUrl, query, variables, await headersFor(system, who));
}

/** The young person themself (AVG art. 15): every category of their own data. */
export const zelf = (bsn: string): Identity => ({ role: 'jongere', bsn, activity: 'inzage-betrokkene' });
