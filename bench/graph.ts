import { SHOWCASE_BSN } from '../population/generator';
import { startSystem, type SystemOptions } from '../system';
import { gql, INTEGRAL_QUERY } from '../test/support/graphql';
import { percentile, printTable } from './table';

const INTEGRAAL = `${INTEGRAL_QUERY} query ($bsn: String!) { jongere(bsn: $bsn) { ...Integraal } }`;
const CASELOAD = `${INTEGRAL_QUERY} { jongeren(eerste: 1000) { totaal jongeren { ...Integraal } } }`;

interface Scenario { name: string; query: string; variables?: Record<string, unknown>; runs: number; concurrency: number }

async function measure(url: string, s: Scenario): Promise<Record<string, string | number>> {
  const latencies: number[] = [];
  await gql(url, s.query, s.variables); // warm-up: plan cache, connections
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: s.concurrency }, async () => {
    while (next++ < s.runs) {
      const t = performance.now();
      const { body } = await gql(url, s.query, s.variables);
      if (body.errors) throw new Error(`${s.name}: ${JSON.stringify(body.errors[0])}`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { scenario: s.name, requests: s.runs, concurrency: s.concurrency, 'req/s': (s.runs / seconds).toFixed(1),
    'p50 ms': percentile(latencies, 50).toFixed(1), 'p95 ms': percentile(latencies, 95).toFixed(1) };
}

/** Throughput and latency of the integral view and a 1,000-person caseload through the whole system. */
export async function benchGraph(label: string, options: SystemOptions = {}): Promise<Record<string, string | number>[]> {
  const system = await startSystem({ ports: { gateway: 0 }, dataDir: ':memory:', log: () => {}, ...options });
  try {
    const rows = [];
    for (const s of [
      { name: 'integral view, 1 person', query: INTEGRAAL, variables: { bsn: SHOWCASE_BSN }, runs: 400, concurrency: 8 },
      { name: 'caseload, 1,000 people', query: CASELOAD, runs: 12, concurrency: 2 },
    ]) rows.push({ system: label, ...(await measure(system.gatewayUrl, s)) });
    return rows;
  } finally {
    await system.stop();
  }
}

export async function benchGraphTable(): Promise<void> {
  printTable('Whole system over HTTP (gateway, 5 subgraphs, 5 simulators, one process)', await benchGraph('embedded, 10,000 people'));
}
