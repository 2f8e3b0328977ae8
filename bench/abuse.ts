import { SHOWCASE_BSN } from '../population/generator';
import { startSystem } from '../system';
import { gql } from '../test/support/graphql';
import { percentile, printTable } from './table';

/** The queries that stalled the gateway before the limits (issue 6), sent by an authenticated young person. */
function abusive(): string[] {
  let nested = 'code naam';
  for (let i = 0; i < 6; i++) nested = `code arbeidsmarktregio { gemeenten { ${nested} } }`;
  const fragments = Array.from({ length: 51 }, (_, i) => `fragment F${i} on Regio { code arbeidsmarktregio { gemeenten { ...F${i + 1} } } }`).join(' ');
  return [
    `{ regios { ${nested} } }`,
    `{ regios { ...F0 } } ${fragments} fragment F51 on Regio { code }`,
    `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: regio(code: "GM0114") { code }`).join(' ')} }`,
    `{ ${Array.from({ length: 200 }, (_, i) => `j${i}: jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } }`).join(' ')} }`,
  ];
}

/**
 * A simple request's latency alone, and while abusive queries are sent in parallel (4 clients
 * without pause). The limits refuse them before planning, and each refusal spends 100 points of the
 * abuser's budget, so the flood soon meets 429 before it is parsed; the table shows both side by side.
 */
export async function benchAbuse(requests = 400): Promise<void> {
  const system = await startSystem({ ports: { gateway: 0 }, dataDir: ':memory:', log: () => {}, population: { size: 10_000 } });
  try {
    // Default limits and rate limits; the young person measured and the abusive user are different people.
    const headersOf = async (bsn: string) => ({ authorization: `Bearer ${await system.security!.devIssuer!.sign({ sub: `jongere-${bsn}`, roles: ['jongere'], bsn })}`,
      'x-verwerkingsactiviteit': 'inzage-betrokkene' });
    const headers = await headersOf(SHOWCASE_BSN);
    const attacker = await headersOf(system.population.bsnAt(1));
    const simple = `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } } }`;
    const measure = async () => {
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) await gql(system.gatewayUrl, simple, undefined, headers);
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        const { body } = await gql(system.gatewayUrl, simple, undefined, headers);
        if (!body.data?.jongere) throw new Error(JSON.stringify(body.errors));
        latencies.push(performance.now() - t);
      }
      return latencies.sort((a, b) => a - b);
    };
    const row = (label: string, l: number[], refused = '') => ({ situation: label, requests: l.length, 'p50 ms': percentile(l, 50).toFixed(1),
      'p95 ms': percentile(l, 95).toFixed(1), 'p99 ms': percentile(l, 99).toFixed(1), 'abusive answered': refused });
    const quiet = await measure();
    let stop = false;
    const codes = new Map<string, number>();
    const attackers = Array.from({ length: 4 }, async (_, w) => {
      const queries = abusive();
      for (let i = w; !stop; i++) {
        const { body } = await gql(system.gatewayUrl, queries[i % queries.length], undefined, attacker);
        const code = String(body.errors?.[0]?.extensions?.code ?? 'served');
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    });
    const busy = await measure();
    stop = true;
    await Promise.all(attackers);
    printTable('A simple request (one person, basis only) alone and with abusive queries in parallel (10,000 people, one process)', [
      row('alone', quiet), row('with 4 clients sending abusive queries', busy, [...codes].map(([c, n]) => `${c} ${n}`).join(', ')),
    ]);
  } finally {
    await system.stop();
  }
}
