import { createServer } from 'node:http';
import { close, listen } from '../../lib/http/http';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, zelf, type Identity } from '../support/system';

const self = zelf(SHOWCASE_BSN);
const coach: Identity = { role: 'doorstroomcoach', org: 'GM0114', activity: 'doorstroompunt-begeleiding' };

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 500, seed: 1, peildatum: '2026-11-01' }, sourceTimeoutMs: 1500 }); }, 120_000);
afterAll(() => system?.stop());
afterEach(() => { for (const sim of Object.values(system.simulators)) sim.faults = { latencyMs: 0, mode: 'ok' }; });

const QUERY = `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } startkwalificatie doorstroomstatus heeftUitkering heeftZorgtoewijzing zorgtoewijzingen { wet } } }`;
const codes = (errors: { extensions?: Record<string, any> }[] = []) => [...new Set(errors.map((e) => e.extensions?.code))];

describe('a failing source system costs only its own fields', () => {
  it('serves everything else when the Wmo/Jeugd registry answers errors', async () => {
    system.simulators.zorg.faults = { latencyMs: 0, mode: 'error' };
    const { status, body } = await gqlAs(system, self, QUERY);
    expect(status).toBe(200);
    expect(codes(body.errors)).toEqual(['SOURCE_UNAVAILABLE']);
    expect(body.errors!.map((e) => e.path?.join('.')).sort()).toEqual(['jongere.heeftZorgtoewijzing', 'jongere.zorgtoewijzingen']);
    const j = body.data.jongere;
    expect([j.heeftZorgtoewijzing, j.zorgtoewijzingen]).toEqual([null, null]);
    expect(j.naam.volledigeNaam).toEqual(expect.any(String));
    expect(j.heeftUitkering).toBe(true);
  });

  it('times out a hanging Participatiewet suite with SOURCE_TIMEOUT and serves the rest', async () => {
    system.simulators.participatie.faults = { latencyMs: 0, mode: 'hang' };
    const { body } = await gqlAs(system, self, QUERY);
    expect(codes(body.errors)).toEqual(['SOURCE_TIMEOUT']);
    expect(body.data.jongere.heeftUitkering).toBeNull();
    expect(body.data.jongere.zorgtoewijzingen.length).toBeGreaterThan(0);
  });

  it('keeps the caseload when the BRP is down: BRP fields SOURCE_UNAVAILABLE, scope-dependent fields SCOPE_UNVERIFIABLE naming the BRP', async () => {
    system.simulators.brp.faults = { latencyMs: 0, mode: 'error' };
    const { body } = await gqlAs(system, coach, '{ jongeren(eerste: 30) { totaal jongeren { bsn naam { volledigeNaam } doorstroomstatus } } }');
    expect(body.data.jongeren.jongeren).toHaveLength(30);
    expect(body.data.jongeren.jongeren.every((j: { naam: unknown; doorstroomstatus: unknown }) => j.naam === null && j.doorstroomstatus === null)).toBe(true);
    const byField = (field: string) => [...new Set(body.errors!.filter((e) => e.path?.at(-1) === field).map((e) => `${e.extensions?.code}:${e.extensions?.source ?? e.extensions?.system}`))];
    expect(byField('naam')).toEqual(['SOURCE_UNAVAILABLE:brp']);
    // The coach's scope (region, age) rests on BRP facts: without them it cannot be decided, and the answer says why.
    expect(byField('doorstroomstatus')).toEqual(['SCOPE_UNVERIFIABLE:brp']);
  });

  it('reports an unreachable subgraph as SUBGRAPH_UNAVAILABLE without transport details', async () => {
    await system.subgraphs.zorg.stop();
    const { body } = await gqlAs(system, self, QUERY);
    expect(codes(body.errors)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
    expect(body.data.jongere.zorgtoewijzingen).toBeNull();
  });
});

describe('one time budget per request, not stacked timeouts', () => {
  it('answers within the budget when a subgraph stalls: its fields SUBGRAPH_TIMEOUT, the rest served', async () => {
    // zorg's address leads to a server that accepts and never answers.
    const stalled = createServer(() => { /* never answers */ });
    const slow = await startTestSystem({
      population: { size: 200, seed: 1, peildatum: '2026-11-01' }, requestTimeoutMs: 2_000,
      routeSubgraphs: async (urls) => ({ ...urls, zorg: `${await listen(stalled)}/` }),
    });
    try {
      const started = Date.now();
      const { status, body } = await gqlAs(slow, self, QUERY);
      const elapsed = Date.now() - started;
      expect(status).toBe(200);
      expect(codes(body.errors)).toEqual(['SUBGRAPH_TIMEOUT']);
      expect(body.errors!.every((e) => e.extensions?.service === 'zorg')).toBe(true);
      expect(body.data.jongere.zorgtoewijzingen).toBeNull();
      expect(body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
      // Bounded by the budget (2 s) plus the gateway's backstop margin, not by minutes.
      expect(elapsed).toBeLessThan(30_000);
    } finally {
      await slow.stop();
      stalled.closeAllConnections();
      await close(stalled);
    }
  });

  it('gives a source only what remains of the budget: a hanging source costs its fields within the budget, however long its own timeout', async () => {
    const slow = await startTestSystem({ population: { size: 200, seed: 1, peildatum: '2026-11-01' }, sourceTimeoutMs: 60_000, requestTimeoutMs: 2_000 });
    try {
      slow.simulators.zorg.faults = { latencyMs: 0, mode: 'hang' };
      slow.simulators.participatie.faults = { latencyMs: 0, mode: 'hang' };
      const started = Date.now();
      const { status, body } = await gqlAs(slow, self, QUERY);
      expect(status).toBe(200);
      // Two hanging sources do not add up: both end at the same deadline.
      expect(new Set(body.errors!.map((e) => `${e.extensions?.code}:${e.extensions?.system}`))).toEqual(new Set(['SOURCE_TIMEOUT:zorg', 'SOURCE_TIMEOUT:participatie']));
      expect(body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await slow.stop();
    }
  });
});
