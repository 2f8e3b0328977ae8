import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gql } from '../support/graphql';
import { headersFor, startTestSystem, testClock, tokenFor, zelf } from '../support/system';

/** Issue 6, small hardening. */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 100, seed: 2, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

const Q = `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } } }`;

describe('hardening', () => {
  it('parses id@versie strictly: junk after the version, an empty id or a version 0 are refused', async () => {
    for (const activity of ['@1@junk', 'inzage-betrokkene@1@junk', 'inzage-betrokkene@', 'inzage-betrokkene@01', ' @1']) {
      const headers = await headersFor(system, { ...zelf(SHOWCASE_BSN), activity });
      const { status, body } = await gql(system.gatewayUrl, Q, undefined, headers);
      expect([activity, status, body.errors?.[0]?.extensions?.code]).toEqual([activity, 403, 'UNKNOWN_ACTIVITY']);
    }
    const ok = await gql(system.gatewayUrl, Q, undefined, await headersFor(system, { ...zelf(SHOWCASE_BSN), activity: 'inzage-betrokkene@3' }));
    expect(ok.status).toBe(200);
  });

  it('refuses a token older than the maximum age even when it has not expired', async () => {
    const issued = new Date(testClock().getTime() - 13 * 3600_000);
    const token = await tokenFor(system, { role: 'jongere', bsn: SHOWCASE_BSN }, { now: issued, ttlSeconds: 24 * 3600 });
    const { status, body } = await gql(system.gatewayUrl, Q, undefined, { authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': 'inzage-betrokkene' });
    expect([status, body.errors?.[0]?.extensions?.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  it('answers a mutation or subscription against a graph without them with 400, not 500', async () => {
    const headers = await headersFor(system, zelf(SHOWCASE_BSN));
    for (const op of ['mutation { x }', 'subscription { x }']) {
      const { status, body } = await gql(system.gatewayUrl, op, undefined, headers);
      expect([op, status, body.errors?.[0]?.extensions?.code]).toEqual([op, 400, 'GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('refuses GraphQL over GET (a BSN in a URL ends up in logs) with 405', async () => {
    const headers = await headersFor(system, zelf(SHOWCASE_BSN));
    const res = await fetch(`${system.gatewayUrl}?query=${encodeURIComponent(Q)}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('audit records and introspection', () => {
  it('writes one audit record per data subject per subgraph, however many aliases ask for the person', async () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `j${i}: jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } inschrijvingen { id } zorgtoewijzingen { wet } }`).join(' ');
    const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(system, zelf(SHOWCASE_BSN))) },
      body: JSON.stringify({ query: `{ ${aliases} }` }) });
    expect(res.status).toBe(200);
    const records = await system.security!.audit.query({ traceId: res.headers.get('traceparent')!.split('-')[1] }, 100);
    const perService = new Map<string, number>();
    for (const r of records) perService.set(r.resource['service.name'], (perService.get(r.resource['service.name']) ?? 0) + 1);
    expect(Object.fromEntries(perService)).toEqual({ basis: 1, onderwijs: 1, zorg: 1 });
  });

  it('answers introspection only when configured (on in development, off in production)', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect((await gql(system.gatewayUrl, q, undefined, await headersFor(system, zelf(SHOWCASE_BSN)))).body.data.__schema.queryType.name).toBe('Query');
    const closed = await startTestSystem({ population: { size: 50, seed: 2, peildatum: '2026-11-01' }, limits: { introspection: false } });
    try {
      const { status, body } = await gql(closed.gatewayUrl, q, undefined, await headersFor(closed, zelf(SHOWCASE_BSN)));
      expect([status, body.errors?.[0]?.extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.stop();
    }
  });
});
