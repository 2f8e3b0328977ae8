import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOWCASE_BSN } from '../population/generator';
import { startSystem, type RunningSystem, type SystemOptions } from '../system';
import { gql, INTEGRAL_QUERY } from '../test/support/graphql';
import { percentile, printTable } from './table';

const INTEGRAAL = `${INTEGRAL_QUERY} query ($bsn: String!) { jongere(bsn: $bsn) { ...Integraal } }`;
/** The caseload fields a Doorstroompunt coach is granted without consent, so both systems do the same work. */
const CASELOAD = `{ jongeren(eerste: 1000) { totaal jongeren { bsn naam { volledigeNaam } geboortedatum leeftijd woonadres { postcode woonplaats }
  gemeente { code } startkwalificatie inschrijvingen { id niveau einddatum } diplomas { id niveau } vsvRegistraties { id }
  doorstroomstatus doorstroomcoach { naam } doorstroomtrajecten { id status } vsvMeldingen { id } } } }`;

interface Scenario { name: string; query: string; variables?: Record<string, unknown>; runs: number; concurrency: number; as: { roles: string[]; org?: string; bsn?: string; activity: string } }

const SCENARIOS: Scenario[] = [
  { name: 'integral view, 1 person (all subgraphs)', query: INTEGRAAL, variables: { bsn: SHOWCASE_BSN }, runs: 400, concurrency: 8, as: { roles: ['jongere'], bsn: SHOWCASE_BSN, activity: 'inzage-betrokkene' } },
  { name: 'caseload, 1,000 people', query: CASELOAD, runs: 12, concurrency: 2, as: { roles: ['doorstroomcoach'], org: 'GM0114', activity: 'doorstroompunt-begeleiding' } },
];

async function measure(system: RunningSystem, s: Scenario): Promise<{ rps: number; row: Record<string, string | number> }> {
  const headers: Record<string, string> = {};
  if (system.security) {
    const token = await system.security.devIssuer!.sign({ sub: 'bench', roles: s.as.roles, org: s.as.org, bsn: s.as.bsn });
    Object.assign(headers, { authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': s.as.activity });
  }
  const latencies: number[] = [];
  for (let i = 0; i < 3; i++) await gql(system.gatewayUrl, s.query, s.variables, headers); // warm-up: plan cache, connections, JIT
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: s.concurrency }, async () => {
    while (next++ < s.runs) {
      const t = performance.now();
      const { body } = await gql(system.gatewayUrl, s.query, s.variables, headers);
      if (!body.data || body.errors?.some((e) => !['NO_CONSENT'].includes(e.extensions?.code))) throw new Error(`${s.name}: ${JSON.stringify(body.errors?.[0])}`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const rps = s.runs / seconds;
  return { rps, row: { scenario: s.name, requests: s.runs, concurrency: s.concurrency, 'req/s': rps.toFixed(1),
    'p50 ms': percentile(latencies, 50).toFixed(1), 'p95 ms': percentile(latencies, 95).toFixed(1) } };
}

async function run(label: string, options: SystemOptions): Promise<{ label: string; results: { rps: number; row: Record<string, string | number> }[] }> {
  // The embedded default: durable SQLite files (fsync on every audit commit), not in memory.
  const dataDir = mkdtempSync(join(tmpdir(), 'jf-bench-'));
  // One saturated process serves everything here, so source calls may queue: allow them 10 s.
  const system = await startSystem({ ports: { gateway: 0 }, dataDir, log: () => {}, population: { size: 10_000 }, sourceTimeoutMs: 10_000, ...options });
  try {
    const results = [];
    for (const s of SCENARIOS) results.push(await measure(system, s));
    return { label, results };
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The cost of enforcement and audit: the same system and queries, once as shipped and once with
 * the benchmark-only setting that switches authentication, the field filter, the subgraph rules
 * and the audit log off. Rounds alternate on and off (this machine's noise is larger than the
 * effect); the medians are compared. Goal: at most 15% less throughput.
 */
export async function benchEnforcement(rounds = 3): Promise<void> {
  const on: Awaited<ReturnType<typeof run>>[] = [];
  const off: Awaited<ReturnType<typeof run>>[] = [];
  for (let i = 0; i < rounds; i++) {
    on.push(await run('enforcement + audit (SQLite, fsync)', {}));
    off.push(await run('no enforcement (benchmark only)', { benchmarkOnlyWithoutEnforcement: true }));
  }
  printTable(`Whole system over HTTP: enforcement and audit on vs off (10,000 people, one process, ${rounds} alternating rounds)`,
    [...on, ...off].flatMap((r, i) => r.results.map((x) => ({ round: (i % rounds) + 1, system: r.label, ...x.row }))));
  printTable('Throughput with enforcement, relative to without (medians)', SCENARIOS.map((s, i) => {
    const a = median(on.map((r) => r.results[i].rps));
    const b = median(off.map((r) => r.results[i].rps));
    return { scenario: s.name, 'req/s on': a.toFixed(1), 'req/s off': b.toFixed(1), change: `${((a / b - 1) * 100).toFixed(1)}%` };
  }));
}
