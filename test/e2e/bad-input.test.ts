import fc from 'fast-check';
import { bsnForIndex } from '../../population/bsn-allocation';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, type Identity } from '../support/system';

const loket: Identity = { role: 'jongerenloket', org: 'GM0114', activity: 'jongerenloket-intake' };

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 500, seed: 1, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

const errorOf = async (query: string, variables?: Record<string, unknown>) => {
  const { status, body } = await gqlAs(system, loket, query, variables);
  return { status, body, error: body.errors?.[0] };
};

describe('bad input gets a stable code, never a stack trace or a 500', () => {
  it('refuses a BSN that is not 9 digits, naming the rule', async () => {
    const { error, body, status } = await errorOf('{ jongere(bsn: "12345") { bsn } }');
    expect(status).toBe(200);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'BSN_FORMAT' });
    expect(error?.message).toMatch(/exactly 9 digits/);
    expect(body.data.jongere).toBeNull();
  });

  it('refuses a BSN that fails the elfproef, naming the rule', async () => {
    const { error } = await errorOf('{ jongere(bsn: "123456789") { bsn } }');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'BSN_ELFPROEF' });
    expect(error?.message).toMatch(/elfproef/);
  });

  it('answers a valid BSN nobody has exactly as a person outside the scope: no existence oracle, for every role', async () => {
    const unknown = bsnForIndex(900_000);
    const outside = system.population.persons().next().value!;
    const roles: Identity[] = [
      loket, { role: 'doorstroomcoach', org: 'GM0114', activity: 'doorstroompunt-begeleiding' },
      { role: 'jongere', bsn: system.population.bsnAt(3), activity: 'inzage-betrokkene' },
    ];
    for (const who of roles) {
      // Someone who lives elsewhere (or is not the young person themself) for this role.
      const regio = (code: string) => system.population.regions.get(code)?.doorstroompuntregio;
      const other = [...system.population.persons()].find((p) => regio(p.gemeenteCode) !== regio(who.org ?? 'GM0114') && p.bsn !== who.bsn && !p.overlijdensdatum) ?? outside;
      const answer = async (bsn: string) => {
        const { status, body } = await gqlAs(system, who, `{ jongere(bsn: "${bsn}") { bsn naam { volledigeNaam } } }`);
        return { status, data: body.data, errors: body.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) };
      };
      const [a, b] = [await answer(unknown), await answer(other.bsn)];
      expect(a).toEqual(b);
      expect(a.data).toEqual({ jongere: null });
      expect(a.errors?.[0]?.extensions?.code).toBe('OUT_OF_SCOPE');
    }
  });

  it('refuses a caseload page above the maximum with PAGE_SIZE_EXCEEDED', async () => {
    const { error } = await errorOf('{ jongeren(eerste: 1001) { totaal } }');
    expect(error?.extensions).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', maximum: 1000 });
  });

  it('refuses an unknown region, an inverted age range and a forged cursor', async () => {
    for (const query of [
      '{ jongeren(filter: { regio: "GM9999" }) { totaal } }',
      '{ jongeren(filter: { leeftijdVanaf: 25, leeftijdTot: 20 }) { totaal } }',
      '{ jongeren(na: "bm9uc2Vuc2U") { totaal } }',
    ]) {
      const { error } = await errorOf(query);
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers a malformed or oversized body with a JSON error and a 4xx, never an HTML page or a stack trace', async () => {
    const post = (body: string, type = 'application/json') => fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': type }, body })
      .then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }));
    for (const [body, status] of [['{"query": "{ jongere(bsn: \\"1\\") { bsn } }', 400], ['x'.repeat(1_100_000), 413]] as const) {
      const r = await post(body);
      expect(r.status).toBe(status);
      expect(r.type).toMatch(/^application\/json/);
      expect(JSON.parse(r.text).errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(r.text).not.toMatch(/<html|at \w+ \(/);
    }
    const plain = await post('{ jongere(bsn: "999993653") { bsn } }', 'text/plain');
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    expect(plain.text).not.toMatch(/<html|at \w+ \(/);
  });

  it('never answers a stack trace or a 500, whatever string is sent as BSN', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 20 }), async (bsn) => {
      const { status, body } = await gqlAs(system, loket, 'query ($bsn: String!) { jongere(bsn: $bsn) { bsn } }', { bsn });
      expect(status).toBe(200);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at \w+ \(/);
      for (const e of body.errors ?? []) expect(['BAD_USER_INPUT', 'OUT_OF_SCOPE']).toContain(e.extensions?.code);
    }), { numRuns: 60 });
  });
});
