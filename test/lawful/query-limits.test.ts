import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { INTEGRAL_QUERY } from '../support/graphql';
import { gqlAs, headersFor, startTestSystem, zelf } from '../support/system';

/** Issue 6: the abusive queries that stalled the gateway are refused before any subgraph or source is called. */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 500, seed: 3, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

const self = zelf(SHOWCASE_BSN);
const sourceCalls = () => Object.values(system.simulators).reduce((n, s) => n + s.callCount(), 0);

/** `regios { arbeidsmarktregio { gemeenten { ... } } }` nested `levels` times (216 bytes grew to 1.65 MB). */
function nestedRegios(levels: number): string {
  let inner = 'code naam';
  for (let i = 0; i < levels; i++) inner = `code arbeidsmarktregio { gemeenten { ${inner} } }`;
  return `{ regios { ${inner} } }`;
}

async function refused(query: string, code: string) {
  const before = sourceCalls();
  const { status, body } = await gqlAs(system, self, query);
  expect([status, body.errors?.map((e) => e.extensions?.code)]).toEqual([400, expect.arrayContaining([code])]);
  expect(body.data).toBeUndefined();
  expect(sourceCalls()).toBe(before);
}

describe('query limits', () => {
  it('refuses nesting beyond the depth limit with QUERY_TOO_DEEP', () => refused(nestedRegios(5), 'QUERY_TOO_DEEP'));

  it('refuses nested fragments 51 levels deep (the query that exhausted the heap) without expanding them', async () => {
    const fragments = Array.from({ length: 51 }, (_, i) => `fragment F${i} on Regio { code arbeidsmarktregio { gemeenten { ...F${i + 1} } } }`);
    fragments.push('fragment F51 on Regio { code }');
    await refused(`{ regios { ...F0 } } ${fragments.join(' ')}`, 'QUERY_TOO_DEEP');
  });

  it('refuses 2,000 aliases (already too many tokens) and 200 aliases of one person (TOO_MANY_ALIASES)', async () => {
    await refused(`{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: regio(code: "GM0114") { code }`).join(' ')} }`, 'TOO_MANY_TOKENS');
    await refused(`{ ${Array.from({ length: 200 }, (_, i) => `j${i}: jongere(bsn: "${SHOWCASE_BSN}") { bsn }`).join(' ')} }`, 'TOO_MANY_ALIASES');
  });

  it('refuses many directives and very long documents', async () => {
    await refused(`{ regio(code: "GM0114") { ${Array.from({ length: 40 }, () => 'code @include(if: true)').join(' ')} } }`, 'TOO_MANY_DIRECTIVES');
    const before = sourceCalls();
    const { status, body } = await gqlAs(system, self, `{ regio(code: "GM0114") { ${'code '.repeat(4000)} } }`);
    expect(body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
    expect([status, body.errors?.[0]?.extensions?.code]).toEqual([400, 'TOO_MANY_TOKENS']);
    expect(sourceCalls()).toBe(before);
  });

  it('costs lists by their page size: a 1,000-person page of integral views is allowed, nested pages beyond the budget are not', async () => {
    const coach = { role: 'doorstroomcoach', org: 'GM0114', activity: 'doorstroompunt-begeleiding' };
    const page = await gqlAs(system, coach, `${INTEGRAL_QUERY} { jongeren(eerste: 1000) { totaal jongeren { ...Integraal } } }`);
    expect(page.status).toBe(200);
    const before = sourceCalls();
    const costly = await gqlAs(system, coach, `${INTEGRAL_QUERY} { a: jongeren(eerste: 1000) { jongeren { ...Integraal } } b: jongeren(eerste: 1000) { jongeren { ...Integraal } } }`);
    expect([costly.status, costly.body.errors?.[0]?.extensions?.code]).toEqual([400, 'QUERY_TOO_COSTLY']);
    expect(sourceCalls()).toBe(before);
  });

  it('still answers the README\'s queries', async () => {
    const { body } = await gqlAs(system, self, `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } leeftijd gemeente { naam } startkwalificatie inschrijvingen { opleiding einddatum } doorstroomstatus doorstroomcoach { naam } heeftUitkering uitkering { soort sinds } heeftZorgtoewijzing zorgtoewijzingen { productcategorie { code omschrijving } } } mijnLogboek(eerste: 5) { tijdstip organisatie rol activiteitNaam categorieenVerstrekt } }`);
    expect(body.errors).toBeUndefined();
  });
});

describe('response size cap', () => {
  it('replaces an answer above the configured maximum with RESPONSE_TOO_LARGE (413)', async () => {
    const small = await startTestSystem({ population: { size: 100, seed: 3, peildatum: '2026-11-01' }, limits: { maxResponseBytes: 2_000 } });
    try {
      const { status, body } = await gqlAs(small, self, '{ regios { code naam gemeenten { code naam } } }');
      expect([status, body.errors?.[0]?.extensions?.code, body.data]).toEqual([413, 'RESPONSE_TOO_LARGE', null]);
    } finally {
      await small.stop();
    }
  });
});

describe('rate limits per employee and per organisation', () => {
  it('answers 429 with Retry-After once an employee spent the budget; page sizes count; the organisation has its own budget', async () => {
    const limited = await startTestSystem({ population: { size: 300, seed: 3, peildatum: '2026-11-01' }, rateLimits: { perEmployee: 2_500, perOrganisation: 3_500, windowSeconds: 60 } });
    try {
      const page = '{ jongeren(eerste: 1000) { totaal } }';
      const coach = (sub: string) => ({ role: 'doorstroomcoach', org: 'GM0114', activity: 'doorstroompunt-begeleiding', sub });
      expect((await gqlAs(limited, coach('a'), page)).status).toBe(200); // 1,001 points
      expect((await gqlAs(limited, coach('a'), page)).status).toBe(200); // 2,002
      const res = await fetch(limited.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(limited, coach('a'))) }, body: JSON.stringify({ query: page }) });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
      // A colleague has a budget of their own, but the municipality's (3,500) runs out after 3,003 + 1,001.
      expect((await gqlAs(limited, coach('b'), page)).status).toBe(200);
      expect((await gqlAs(limited, coach('b'), page)).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it('charges a refused operation its penalty, so a flood of abusive queries meets 429 before it is parsed', async () => {
    const limited = await startTestSystem({ population: { size: 100, seed: 3, peildatum: '2026-11-01' }, rateLimits: { perEmployee: 250, perOrganisation: 100_000, refusalPoints: 100 } });
    try {
      const who = zelf(SHOWCASE_BSN);
      for (let i = 0; i < 3; i++) expect((await gqlAs(limited, who, nestedRegios(9))).status).toBe(400); // 300 points
      const { status, body } = await gqlAs(limited, who, `{ jongere(bsn: "${SHOWCASE_BSN}") { bsn } }`);
      expect([status, body.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    } finally {
      await limited.stop();
    }
  });
});
