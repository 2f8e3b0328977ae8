import { SHOWCASE_BSN } from '../../population/generator';
import { SqliteAuditStore, type AuditRecord, type AuditStore } from '../../stores/audit';
import type { RunningSystem } from '../../system';
import { close } from '../../lib/http/http';
import { gqlAs, headersFor, startTestSystem, zelf } from '../support/system';

/** Issue 7: health, readiness, metrics, CORS and graceful shutdown. */
const LOKET = 'https://loket.gemeente.example';
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 200, seed: 8, peildatum: '2026-11-01' }, corsOrigins: [LOKET] }); }, 120_000);
afterAll(() => system?.stop());

const get = async (url: string) => { const r = await fetch(url); return { status: r.status, body: await r.json() as any }; };

describe('health and readiness', () => {
  it('answers /healthz and /readyz on the gateway and every subgraph', async () => {
    expect(await get(new URL('healthz', system.gatewayUrl).href)).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await get(new URL('readyz', system.gatewayUrl).href);
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.checks).sort()).toEqual(['audit', ...Object.keys(system.subgraphs).map((n) => `subgraph ${n}`)].sort());
    for (const sub of Object.values(system.subgraphs)) expect((await get(new URL('readyz', sub.url).href)).status).toBe(200);
  });

  it('reports not ready, with the reason, when a subgraph\'s source is gone', async () => {
    const zorg = system.simulators.zorg;
    await close(zorg.server);
    try {
      const sub = await get(new URL('readyz', system.subgraphs.zorg.url).href);
      expect(sub.status).toBe(503);
      expect(sub.body.checks.source).toEqual({ ok: false, reason: expect.stringMatching(/cannot be reached/) });
      const gw = await get(new URL('readyz', system.gatewayUrl).href);
      expect([gw.status, gw.body.checks['subgraph zorg'].ok, gw.body.checks['subgraph basis'].ok]).toEqual([503, false, true]);
    } finally {
      await new Promise<void>((resolve) => zorg.server.listen(Number(new URL(zorg.url).port), '127.0.0.1', () => resolve()));
    }
  });
});

describe('metrics', () => {
  it('counts requests by operation and outcome, refusals by code, and times subgraph, source and audit calls', async () => {
    await gqlAs(system, zelf(SHOWCASE_BSN), `query Integraal { jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } zorgtoewijzingen { wet } } }`);
    await gqlAs(system, { role: 'jongerenloket', org: 'GM0114', activity: 'jongerenloket-intake' }, `query Zorg { jongere(bsn: "${SHOWCASE_BSN}") { zorgtoewijzingen { wet } } }`);
    const res = await fetch(new URL('metrics', system.gatewayUrl));
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/jf_graphql_requests_total\{service="gateway",operation="Integraal",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/jf_refusals_total\{service="gateway",code="(NO_LEGAL_BASIS|OUT_OF_SCOPE)"\} [1-9]/);
    expect(text).toMatch(/jf_subgraph_request_duration_seconds_count\{subgraph="zorg",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/jf_source_request_duration_seconds_count\{system="brp",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/jf_audit_write_duration_seconds_count\{service="basis",outcome="ok"\} [1-9]/);
  });
});

describe('CORS', () => {
  it('answers a preflight only for configured origins, and exposes traceparent', async () => {
    const preflight = (origin: string) => fetch(system.gatewayUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-verwerkingsactiviteit' } });
    const ok = await preflight(LOKET);
    expect([ok.status, ok.headers.get('access-control-allow-origin')]).toEqual([204, LOKET]);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/x-verwerkingsactiviteit/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(system.gatewayUrl, { method: 'POST', headers: { origin: LOKET, 'content-type': 'application/json', ...(await headersFor(system, zelf(SHOWCASE_BSN))) }, body: JSON.stringify({ query: '{ regios { code } }' }) });
    expect([post.status, post.headers.get('access-control-allow-origin'), post.headers.get('access-control-expose-headers')]).toEqual([200, LOKET, expect.stringContaining('traceparent')]);
  });
});

describe('graceful shutdown', () => {
  it('answers every request in flight when the system stops, with its audit records written first', async () => {
    const appended: AuditRecord[] = [];
    const inner = new SqliteAuditStore(':memory:');
    const store: AuditStore = {
      append: async (records) => { await inner.append(records); appended.push(...records); },
      query: (f, l) => inner.query(f, l), ping: () => inner.ping(), purge: (i, b) => inner.purge(i, b), close: () => inner.close(),
    };
    const stopping = await startTestSystem({ population: { size: 100, seed: 8, peildatum: '2026-11-01' }, security: { stores: { audit: store } } });
    for (const sim of Object.values(stopping.simulators)) sim.faults = { latencyMs: 400, mode: 'ok' };
    const inFlight = Array.from({ length: 6 }, () => gqlAs(stopping, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } zorgtoewijzingen { wet } } }`));
    await new Promise((r) => setTimeout(r, 150)); // the requests are now waiting on their sources
    const stopped = stopping.stop();
    const answers = await Promise.all(inFlight);
    await stopped;
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
    }
    expect(appended.filter((r) => r.resource['service.name'] === 'zorg').length).toBeGreaterThanOrEqual(1);
    // Once stopped, nothing is accepted.
    await expect(fetch(stopping.gatewayUrl, { method: 'POST' })).rejects.toThrow();
  });
});
