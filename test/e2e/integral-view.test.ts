import fc from 'fast-check';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { expectedIntegraal } from '../support/expected';
import { INTEGRAL_QUERY } from '../support/graphql';
import { gqlAs, startTestSystem, testClock, zelf, type Identity } from '../support/system';

// Youth protection measures are the young person's own from the register of 2026-12-01 on
// (inzage-betrokkene@4; test/e2e/legal-basis-matrix-wet-in-werking.test.ts checks them then); on the
// test day no activity grants them yet, so this view leaves them out.
const ZONDER_JEUGDBESCHERMING = zonderVeld(INTEGRAL_QUERY, 'jeugdbeschermingsmaatregelen');
/** The query without one field and its selection (matched by braces). */
function zonderVeld(query: string, veld: string): string {
  const begin = query.indexOf(`${veld} {`);
  let diepte = 0;
  for (let i = query.indexOf('{', begin); i < query.length; i++) {
    diepte += query[i] === '{' ? 1 : query[i] === '}' ? -1 : 0;
    if (diepte === 0) return query.slice(0, begin) + query.slice(i + 1);
  }
  throw new Error(`no field ${veld} in the query`);
}
const QUERY = `${ZONDER_JEUGDBESCHERMING} query ($bsn: String!) { jongere(bsn: $bsn) { ...Integraal } }`;
const verwacht = (...args: Parameters<typeof expectedIntegraal>) => { const { jeugdbeschermingsmaatregelen: _, ...rest } = expectedIntegraal(...args) as Record<string, unknown>; return rest; };
let system: RunningSystem;

beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

describe('the integral view over HTTP through gateway, subgraphs and simulators', () => {
  it('shows the showcase RvIG test person with fields from all five subgraphs', async () => {
    const { body } = await gqlAs(system, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") {
      naam { volledigeNaam } leeftijd startkwalificatie inschrijvingen { id } doorstroomstatus doorstroomtrajecten { id }
      heeftUitkering uitkering { soort } zorgtoewijzingen { wet productcategorie { code } } } }`);
    expect(body.errors).toBeUndefined();
    const j = body.data.jongere;
    expect(j.naam.volledigeNaam).toEqual(expect.any(String)); // basis
    expect(j.inschrijvingen.length).toBeGreaterThan(0); // onderwijs
    expect(j.doorstroomtrajecten.length).toBeGreaterThan(0); // doorstroom
    expect(j.uitkering).not.toBeNull(); // participatie
    expect(j.zorgtoewijzingen.length).toBeGreaterThan(0); // zorg
  });

  it('equals the generator\'s ground truth in every domain for 50 randomly drawn people', async () => {
    const { population } = system;
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: population.size - 1 }), async (index) => {
      const person = population.person(index);
      const { body } = await gqlAs(system, zelf(person.bsn), QUERY, { bsn: person.bsn });
      expect(body.errors).toBeUndefined();
      expect(body.data.jongere).toEqual(verwacht(person, population.regions, testClock()));
    }), { numRuns: 50 });
  });

  it('shows every BRP test person, including the deceased one without an age', async () => {
    const a = await gqlAs(system, zelf('999992077'), `{ jongere(bsn: "999992077") { overlijdensdatum geboortedatum } }`);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data.jongere.overlijdensdatum).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    const b = await gqlAs(system, zelf('000009921'), `{ jongere(bsn: "000009921") { bsn naam { volledigeNaam } } }`);
    expect(b.body.data.jongere.bsn).toBe('000009921');
  });

  it('answers the reference data of a region (its figures are the monitor\'s, test/e2e/monitor.test.ts)', async () => {
    const regio = system.population.regions.get('DP-ZUIDOOST-DRENTHE')!;
    const bi: Identity = { role: 'bi-analist', org: 'GM0114', activity: 'regionale-monitoring' };
    const { body } = await gqlAs(system, bi, '{ regio(code: "DP-ZUIDOOST-DRENTHE") { naam soort gemeenten { code } } }');
    expect(body.data.regio).toEqual({ naam: 'Doorstroompunt Zuidoost-Drenthe (RMC-regio 8)', soort: 'DOORSTROOMPUNTREGIO', gemeenten: regio.gemeenten.map((code) => ({ code })) });
  });
});
