import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { geleverdOnderwijs } from '../support/duo';
import { gqlAs, startTestSystem, TEST_DAY, type Identity } from '../support/system';

const QUERY = `query Q($bsn: String!) { jongere(bsn: $bsn) { naam { voornamen } zorgtoewijzingen { wet } heeftUitkering } }`;

async function withMode<T>(mode: 'filter' | 'reject' | 'dry-run', fn: (system: RunningSystem, logs: string[]) => Promise<T>): Promise<T> {
  const logs: string[] = [];
  const system = await startTestSystem({ population: { size: 300, seed: 5, peildatum: '2026-11-01' }, security: { mode }, log: (l) => logs.push(l) });
  try { return await fn(system, logs); } finally { await system.stop(); }
}
const loketFor = (system: RunningSystem): Identity => ({ role: 'jongerenloket', org: system.population.byBsn(SHOWCASE_BSN)!.gemeenteCode, activity: 'jongerenloket-intake' });
const wmoFor = (system: RunningSystem): Identity => ({ role: 'wmo-jeugdconsulent', org: system.population.byBsn(SHOWCASE_BSN)!.gemeenteCode, activity: 'wmo-jeugd-toegang' });

describe('enforcement modes', () => {
  it('filter (default): serves what is granted, nulls the rest with NO_LEGAL_BASIS, and plans per permission profile', () => withMode('filter', async (system) => {
    const loket = await gqlAs(system, loketFor(system), QUERY, { bsn: SHOWCASE_BSN });
    expect(loket.body.data.jongere.zorgtoewijzingen).toBeNull();
    expect(loket.body.errors).toContainEqual(expect.objectContaining({ path: ['jongere', 'zorgtoewijzingen'],
      extensions: { code: 'NO_LEGAL_BASIS', category: 'zorg.detail', activity: 'jongerenloket-intake@3', field: 'Jongere.zorgtoewijzingen' } }));
    // The same query text under another profile must not reuse the first plan.
    const wmo = await gqlAs(system, wmoFor(system), QUERY, { bsn: SHOWCASE_BSN });
    expect(wmo.body.data.jongere.zorgtoewijzingen.length).toBeGreaterThan(0);
    expect(wmo.body.errors?.map((e) => e.path?.join('.'))).toEqual(expect.arrayContaining(['jongere.heeftUitkering']));
    const again = await gqlAs(system, loketFor(system), QUERY, { bsn: SHOWCASE_BSN });
    expect(again.body.data.jongere.zorgtoewijzingen).toBeNull();
  }));

  it('reject: refuses the whole operation with 403 when anything would be withheld', () => withMode('reject', async (system) => {
    const { status, body } = await gqlAs(system, loketFor(system), QUERY, { bsn: SHOWCASE_BSN });
    expect(status).toBe(403);
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['NO_LEGAL_BASIS']);
    const ok = await gqlAs(system, loketFor(system), 'query Q($bsn: String!) { jongere(bsn: $bsn) { naam { voornamen } } }', { bsn: SHOWCASE_BSN });
    expect(ok.status).toBe(200);
    expect(ok.body.data.jongere.naam.voornamen).toEqual(expect.any(String));
  }));

  it('dry-run: plans everything, reports what the gateway would withhold, says so loudly, and the subgraphs still refuse', () => withMode('dry-run', async (system, logs) => {
    const { body } = await gqlAs(system, loketFor(system), QUERY, { bsn: SHOWCASE_BSN }) as { body: any };
    // The gateway let the field through to planning ...
    expect(body.errors).toContainEqual(expect.objectContaining({ path: ['jongere', 'zorgtoewijzingen'], extensions: expect.objectContaining({ code: 'NO_LEGAL_BASIS', serviceName: 'zorg' }) }));
    // ... and the zorg subgraph's own rule (from the same register) still withheld it.
    expect(body.data.jongere.zorgtoewijzingen).toBeNull();
    expect(body.extensions.wouldWithhold).toEqual([expect.objectContaining({ path: ['jongere', 'zorgtoewijzingen'], extensions: expect.objectContaining({ code: 'NO_LEGAL_BASIS' }) })]);
    expect(logs.some((l) => /DRY-RUN mode/.test(l))).toBe(true);
    expect(logs.some((l) => /would be refused Jongere.zorgtoewijzingen/.test(l))).toBe(true);
  }));
});

describe('the register\'s exclusions (uitgezonderd) hold in every mode', () => {
  // mbo-nazorg grants identificatie but excludes Jongere.nationaliteiten (policies/verwerkingsregister.yaml).
  const graduate = (system: RunningSystem) => {
    for (const p of system.population.persons()) {
      const d = geleverdOnderwijs(p, TEST_DAY).diplomas.find((x) => x.onderwijssoort === 'MBO' && x.datum >= '2025-12-01' && x.datum <= '2026-11-01');
      if (d) return { bsn: p.bsn, who: { role: 'loopbaanbegeleider', org: d.instelling.brin, activity: 'mbo-nazorg' } as Identity };
    }
    throw new Error('no recent mbo graduate in the test population');
  };
  // mbo-nazorg enters through oudStudent (its school and window conditions are decided there).
  const Q = 'query Q($bsn: String!) { jongere: oudStudent(bsn: $bsn) { naam { voornamen } nationaliteiten } }';

  it.each(['filter', 'dry-run'] as const)('%s: the excluded field is null with NO_LEGAL_BASIS, the rest is served', (mode) => withMode(mode, async (system) => {
    const { bsn, who } = graduate(system);
    const { status, body } = await gqlAs(system, who, Q, { bsn }) as { status: number; body: any };
    expect(status).toBe(200);
    expect(body.data.jongere.naam.voornamen).toEqual(expect.any(String));
    expect(body.data.jongere.nationaliteiten).toBeNull();
    const error = body.errors.find((e: any) => e.path?.join('.') === 'jongere.nationaliteiten');
    expect(error.extensions.code).toBe('NO_LEGAL_BASIS');
    // In dry-run the gateway lets it through; basis's own rule withholds it.
    if (mode === 'dry-run') expect(error.extensions.serviceName).toBe('basis');
  }));

  it('reject: an operation asking for the excluded field is refused whole', () => withMode('reject', async (system) => {
    const { bsn, who } = graduate(system);
    const { status, body } = await gqlAs(system, who, Q, { bsn });
    expect(status).toBe(403);
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['NO_LEGAL_BASIS', 'Jongere.nationaliteiten']]);
  }));
});
