import { buildASTSchema, parse, validate } from 'graphql';
import { DEFAULT_QUERY_LIMITS, limitRules } from '../gateway/limits/query-limits';
import { leesVerklaringen } from '../policies/declaraties';
import { SHOWCASE_BSN } from '../population/generator';
import { checkedInSupergraph } from '../schema/compose';
import { startSystem } from '../system';
import { gql } from '../test/support/graphql';
import { buildSupergraphApiSdl } from '../test/support/supergraph-api';
import { percentile, printTable } from './table';

/**
 * The heaviest reference-data query the default limits let through: the reference lists nested
 * and aliased as deep and wide as the depth, alias and cost limits allow (the cost counts each
 * list by the size it declares). Found by trying every shape against the limits themselves.
 */
export function zwaarsteReferentieQuery(): { query: string; kosten: number } {
  const sdl = checkedInSupergraph();
  const schema = buildASTSchema(parse(buildSupergraphApiSdl(sdl)), { assumeValidSDL: true });
  const v = leesVerklaringen(sdl);
  let best = { query: '', kosten: 0 };
  for (let diepte = 0; diepte <= 3; diepte++) {
    let inner = 'code naam soort';
    for (let i = 0; i < diepte; i++) inner = `code naam ${i % 2 ? 'doorstroompuntregio' : 'arbeidsmarktregio'} { code naam gemeenten { ${inner} } }`;
    for (let aliassen = 1; aliassen <= DEFAULT_QUERY_LIMITS.maxAliases; aliassen++) {
      const query = `{ ${Array.from({ length: aliassen }, (_, a) => `r${a}: regios { code naam gemeenten { ${inner} } }`).join(' ')} }`;
      const errors = validate(schema, parse(query), limitRules(DEFAULT_QUERY_LIMITS, (t, f) => v.velden.get(`${t}.${f}`)?.lijstgrootte));
      if (errors.length) break;
      const kosten = aliassen * (diepte + 1); // only to rank shapes of equal validity: deeper first, then wider
      if (kosten > best.kosten) best = { query, kosten };
    }
  }
  return best;
}

/**
 * Ordinary requests (a consultant's view of one person) alone and while four clients send the
 * heaviest reference query the limits allow, without pause: p50/p95/p99 and the error rate of the
 * ordinary requests, and what the heavy clients got. Reference data is the same for everyone and
 * cached at the gateway after its first execution; what the limits refuse never reaches a subgraph.
 */
export async function benchReferentie(requests = 400): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  let titel = '';
  // Side by side: the default rate limits (a query pays by its cost), and none (only the reference cache and the limits).
  for (const [limieten, rateLimits] of [['default rate limits', undefined], ['no rate limits', { perEmployee: 1e9, perOrganisation: 1e9 }]] as const) {
    const r = await meetReferentie(requests, rateLimits);
    titel = r.titel;
    rows.push(...r.rows.map((row) => ({ limieten, ...row })));
  }
  printTable(titel, rows);
}

async function meetReferentie(requests: number, rateLimits: { perEmployee: number; perOrganisation: number } | undefined): Promise<{ titel: string; rows: Record<string, string | number>[] }> {
  const system = await startSystem({ ports: { gateway: 0 }, dataDir: ':memory:', log: () => {}, population: { size: 10_000 }, rateLimits });
  try {
    const issuer = system.security!.devIssuer!;
    const headers = { authorization: `Bearer ${await issuer.sign({ sub: 'roos', roles: ['jongere'], bsn: SHOWCASE_BSN })}`, 'x-verwerkingsactiviteit': 'inzage-betrokkene' };
    const zwaar = zwaarsteReferentieQuery();
    const aanvaller = { authorization: `Bearer ${await issuer.sign({ sub: 'zwaar', roles: ['jongerenloket'], org: 'GM0518' })}`, 'x-verwerkingsactiviteit': 'jongerenloket-intake' };
    const gewoon = `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } inschrijvingen { opleiding } heeftUitkering } }`;
    const meet = async () => {
      const latencies: number[] = [];
      let fouten = 0;
      for (let i = 0; i < 10; i++) await gql(system.gatewayUrl, gewoon, undefined, headers);
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        const { status, body } = await gql(system.gatewayUrl, gewoon, undefined, headers);
        if (status !== 200 || body.errors?.length) fouten++;
        latencies.push(performance.now() - t);
      }
      return { latencies: latencies.sort((a, b) => a - b), fouten };
    };
    const rij = (situatie: string, m: { latencies: number[]; fouten: number }, zwaarGekregen = '') => ({ situatie, verzoeken: m.latencies.length,
      'p50 ms': percentile(m.latencies, 50).toFixed(1), 'p95 ms': percentile(m.latencies, 95).toFixed(1), 'p99 ms': percentile(m.latencies, 99).toFixed(1),
      'fout %': ((100 * m.fouten) / m.latencies.length).toFixed(1), 'zware verzoeken': zwaarGekregen });
    const rustig = await meet();
    let stop = false;
    const uitkomsten = new Map<string, number>();
    let bytes = 0;
    const zware = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...aanvaller }, body: JSON.stringify({ query: zwaar.query }) });
        const tekst = await res.text();
        bytes = Math.max(bytes, tekst.length);
        const code = res.status === 200 ? 'served' : String((JSON.parse(tekst) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code);
        uitkomsten.set(code, (uitkomsten.get(code) ?? 0) + 1);
      }
    });
    const druk = await meet();
    stop = true;
    await Promise.all(zware);
    return {
      titel: `Ordinary requests alone and while 4 clients send the heaviest reference query the limits allow (${zwaar.query.length} bytes of query, ${bytes} bytes of answer; 10,000 people)`,
      rows: [rij('alone', rustig), rij('with 4 heavy reference clients', druk, [...uitkomsten].map(([c, n]) => `${c} ${n}`).join(', '))],
    };
  } finally {
    await system.stop();
  }
}
