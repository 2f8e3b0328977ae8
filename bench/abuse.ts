import { SHOWCASE_BSN } from '../population/generator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevIssuer } from '../gateway/auth/dev-issuer';
import { startSystem } from '../system';
import { configFromEnv } from '../system/config';
import { startMultiProcess } from '../system/multi-process';
import { freePort } from '../system/supervisor';
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
  const rows: Record<string, string | number>[] = [];
  // One process (gateway, subgraphs and simulators share the event loop), then npm start's layout.
  const single = await startSystem({ ports: { gateway: 0 }, dataDir: ':memory:', log: () => {}, population: { size: 10_000 } });
  try {
    rows.push(...await measureAbuse('one process', single.gatewayUrl, single.security!.devIssuer!, single.population.bsnAt(1), requests));
  } finally {
    await single.stop();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'jf-abuse-'));
  const multi = await startMultiProcess({ ...configFromEnv({ POPULATION_SIZE: '10000' }), dataDir, ports: { gateway: await freePort() } }, { log: () => {} });
  try {
    rows.push(...await measureAbuse('a process per service (npm start)', multi.gatewayUrl, multi.kit.devIssuer!, multi.population.bsnAt(1), requests));
  } finally {
    await multi.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  printTable('A simple request (one person, basis only) alone and with 4 clients sending abusive queries in parallel (10,000 people, default limits)', rows);
}

async function measureAbuse(layout: string, url: string, issuer: DevIssuer, attackerBsn: string, requests: number): Promise<Record<string, string | number>[]> {
  // Default limits and rate limits; the young person measured and the abusive user are different people.
  const headersOf = async (bsn: string) => ({ authorization: `Bearer ${await issuer.sign({ sub: `jongere-${bsn}`, roles: ['jongere'], bsn })}`, 'x-verwerkingsactiviteit': 'inzage-betrokkene' });
  const headers = await headersOf(SHOWCASE_BSN);
  const attacker = await headersOf(attackerBsn);
  const simple = `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } } }`;
  const measure = async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) await gql(url, simple, undefined, headers);
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const { body } = await gql(url, simple, undefined, headers);
      if (!body.data?.jongere) throw new Error(JSON.stringify(body.errors));
      latencies.push(performance.now() - t);
    }
    return latencies.sort((a, b) => a - b);
  };
  const row = (label: string, l: number[], refused = '') => ({ layout, situation: label, requests: l.length, 'p50 ms': percentile(l, 50).toFixed(1),
    'p95 ms': percentile(l, 95).toFixed(1), 'p99 ms': percentile(l, 99).toFixed(1), 'abusive answered': refused });
  const quiet = await measure();
  let stop = false;
  const codes = new Map<string, number>();
  const attackers = Array.from({ length: 4 }, async (_, w) => {
    const queries = abusive();
    for (let i = w; !stop; i++) {
      const { body } = await gql(url, queries[i % queries.length], undefined, attacker);
      const code = String(body.errors?.[0]?.extensions?.code ?? 'served');
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  });
  const busy = await measure();
  stop = true;
  await Promise.all(attackers);
  return [row('alone', quiet), row('with abusive clients', busy, [...codes].map(([c, n]) => `${c} ${n}`).join(', '))];
}
