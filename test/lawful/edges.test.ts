import { serverAudits } from 'graphql-http';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, headersFor, startTestSystem, TEST_DAY, testClock, zelf, type Identity } from '../support/system';

/**
 * Issue 16, the edges an attacker with a valid token tries: Unicode in token claims, documents
 * with several operations, impossible dates, reference lists that explode, answers too large to
 * build, the GraphQL-over-HTTP audits, and refusals that must reach the audit log.
 */
let system: RunningSystem;
const logregels: string[] = [];
beforeAll(async () => {
  system = await startTestSystem({ population: { size: 300, seed: 16, peildatum: TEST_DAY }, limits: { maxResponseBytes: 200_000 }, log: (l) => logregels.push(l) });
}, 120_000);
afterAll(() => system?.stop());

const loket: Identity = { role: 'jongerenloket', org: 'GM0518', activity: 'jongerenloket-intake' };
const subgraphCalls = async (subgraph: string) => {
  const metric = await system.metrics.registry.getSingleMetric('jf_subgraph_request_duration_seconds')!.get();
  return metric.values.filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count') && v.labels.subgraph === subgraph).reduce((s, v) => s + v.value, 0);
};

describe('edges', () => {
  it('takes any Unicode in token claims: the employee id reaches the audit log as it was, and nothing fails', async () => {
    const token = await system.security!.devIssuer!.sign({ sub: 'consulent-€-Ωmega-😀', roles: ['jongere'], bsn: SHOWCASE_BSN }, { now: testClock() });
    const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': 'inzage-betrokkene' },
      body: JSON.stringify({ query: `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } } }` }) });
    const body = await res.json() as { data: { jongere: { naam: { volledigeNaam: string } } } };
    expect([res.status, body.data.jongere.naam.volledigeNaam]).toEqual([200, 'Roos Janssen']);
    const records = await system.security!.audit.query({ traceId: res.headers.get('traceparent')!.split('-')[1] }, 10);
    expect(records.map((r) => r.attributes['jf.medewerker'])).toContain('consulent-€-Ωmega-😀');
  });

  it('answers a document with two operations and no operationName with 400 BAD_REQUEST', async () => {
    const { status, body } = await gqlAs(system, loket, 'query A { regios { code } } query B { regios { naam } }');
    expect([status, body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    const named = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(system, loket)) },
      body: JSON.stringify({ query: 'query A { regios { code } } query B { regios { naam } }', operationName: 'B' }) });
    expect(named.status).toBe(200);
  });

  it('passes every MUST of the GraphQL-over-HTTP audits (graphql-http)', async () => {
    const headers = await headersFor(system, loket);
    const audits = serverAudits({ url: system.gatewayUrl, fetchFn: (input: unknown, init?: RequestInit) => fetch(input as string, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }) });
    const failed: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });

  it('refuses dates that are not on the calendar, wherever a date is sent', async () => {
    const code = async (who: Identity, query: string) => (await gqlAs(system, who, query)).body.errors?.[0]?.extensions;
    expect(await code(loket, `mutation { geefToestemming(invoer: { bsn: "${SHOWCASE_BSN}", activiteit: "jongerenloket-intake", categorieen: ["betrokkenen"], ontvanger: { soort: ORGANISATIE, waarde: "GM0518" }, doel: "x", geldigTot: "2027-02-30" }) { id } }`))
      .toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.geldigTot' });
    expect(await code(loket, '{ zoekJongeren(geslachtsnaam: "Janssen", geboortedatum: "2007-02-29") { bsn } }')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'geboortedatum' });
    expect(await code(loket, '{ zoekJongeren(geslachtsnaam: "Janssen", geboortedatum: "2007-13-01") { bsn } }')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'geboortedatum' });
  });

  it('counts reference lists by the size they declare: a nested reference query that would explode is refused before anything runs', async () => {
    const before = await subgraphCalls('basis');
    const een = 'regios { gemeenten { arbeidsmarktregio { gemeenten { doorstroompuntregio { gemeenten { code naam } } } } } }';
    const nest = `{ ${Array.from({ length: 20 }, (_, i) => `r${i}: ${een}`).join(' ')} }`;
    const { status, body } = await gqlAs(system, loket, nest);
    expect([status, body.errors?.[0]?.extensions?.code]).toEqual([400, 'QUERY_TOO_COSTLY']);
    expect(await subgraphCalls('basis')).toBe(before);
  });

  it('serves reference data from the gateway\'s cache after the first time, and never caches a query with a personal field', async () => {
    const q = '{ regios(soort: DOORSTROOMPUNTREGIO) { code naam gemeenten { code naam arbeidsmarktregio { code naam } } } }';
    const eerste = await gqlAs(system, loket, q);
    const na = await subgraphCalls('basis');
    const tweede = await gqlAs(system, { ...loket, org: 'GM0114' }, q);
    expect(tweede.body).toEqual(eerste.body);
    expect(await subgraphCalls('basis')).toBe(na);
    const persoonlijk = `{ regios(soort: DOORSTROOMPUNTREGIO) { code } jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`;
    await gqlAs(system, loket, persoonlijk);
    const daarna = await subgraphCalls('basis');
    await gqlAs(system, loket, persoonlijk);
    expect(await subgraphCalls('basis')).toBeGreaterThan(daarna);
  });

  it('refuses an answer over the size limit with 413 RESPONSE_TOO_LARGE, cut off while the subgraphs send it', async () => {
    const coach = { role: 'doorstroomcoach', org: 'GM0518', activity: 'doorstroompunt-begeleiding' };
    const { status, body } = await gqlAs(system, coach, '{ jongeren(eerste: 1000) { jongeren { bsn naam { voornamen voorvoegsel geslachtsnaam volledigeNaam } woonadres { straat huisnummer postcode woonplaats } inschrijvingen { id opleiding begindatum einddatum instelling { brin naam } } diplomas { id opleiding datum } doorstroomtrajecten { id status startdatum contactmomenten { datum soort } } } } }');
    expect([status, body.data ?? null, body.errors?.map((e) => e.extensions?.code)]).toEqual([413, null, ['RESPONSE_TOO_LARGE']]);
  });

  it('audits refusals as refused processing: out of scope at the root, a refused filter, and a query refused by the limits that names a person', async () => {
    const emmen = [...system.population.persons()].find((p) => p.gemeenteCode === 'GM0114')!;
    const pseudo = system.security!.pseudonym(emmen.bsn);
    const root = await gqlAs(system, loket, `{ jongere(bsn: "${emmen.bsn}") { naam { voornamen } } }`);
    expect(root.body.errors?.[0]?.extensions?.code).toBe('OUT_OF_SCOPE');
    const diep = `{ jongere(bsn: "${emmen.bsn}") { gemeente { gemeenten { gemeenten { gemeenten { gemeenten { gemeenten { gemeenten { gemeenten { code } } } } } } } } } }`;
    expect((await gqlAs(system, loket, diep)).body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const records = await system.security!.audit.query({ dataSubjectId: pseudo }, 20);
    const geweigerd = records.map((r) => r.attributes['jf.categorieen.geweigerd'] as Record<string, string>);
    expect(geweigerd).toContainEqual({ identificatie: 'BUITEN_BEREIK' });
    expect(geweigerd.some((g) => Object.values(g).includes('QUERY_TOO_DEEP'))).toBe(true);
    const filter = await gqlAs(system, loket, '{ jongeren(filter: { zonderStartkwalificatie: true }) { totaal } }');
    expect(filter.body.errors?.[0]?.extensions?.code).toBe('FILTER_NOT_ALLOWED');
    const alle = await system.security!.audit.query({ traceId: undefined, processingActivityIds: system.security!.register.activiteiten.filter((a) => a.id === 'jongerenloket-intake').map((a) => a.uri) }, 200);
    expect(alle.some((r) => Object.values((r.attributes['jf.categorieen.geweigerd'] ?? {}) as Record<string, string>).includes('FILTER_NIET_TOEGESTAAN'))).toBe(true);
  });

  it('never writes a BSN to the log, the error path included (a store error that echoes the row it failed on)', async () => {
    const voor = logregels.length;
    const audit = system.security!.audit;
    const append = audit.append.bind(audit);
    // PostgreSQL echoes the failing row's key in its message; the log line quoting it must not name the person.
    audit.append = async () => { throw new Error(`duplicate key value violates unique constraint: Key (data_subject_id)=(${SHOWCASE_BSN}) already exists`); };
    try {
      const { status, body } = await gqlAs(system, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`);
      expect([status, body.errors?.[0]?.extensions?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
    } finally {
      audit.append = append;
    }
    const gelogd = logregels.slice(voor);
    expect(gelogd.some((l) => /audit write failed.*Key \(data_subject_id\)=\(bsn:[0-9a-f]{8}\)/.test(l))).toBe(true);
    expect(gelogd.filter((l) => l.includes(SHOWCASE_BSN))).toEqual([]);
  });
});
