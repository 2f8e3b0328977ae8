import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, type Identity } from '../support/system';

/** Issue 8: the graph offers the BRP's name-and-birth-date search under the same scope rules as `jongere`. */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

const Q = 'query ($n: String!, $g: String!) { zoekJongeren(geslachtsnaam: $n, geboortedatum: $g) { bsn naam { volledigeNaam } gemeente { code } } }';
const loket = (org: string): Identity => ({ role: 'jongerenloket', org, activity: 'jongerenloket-intake' });

describe('zoekJongeren (BRP ZoekMetGeslachtsnaamEnGeboortedatum)', () => {
  it('finds Roos Janssen by surname (any case) and date of birth for a consultant of her municipality', async () => {
    const roos = system.population.byBsn(SHOWCASE_BSN)!;
    const { body } = await gqlAs(system, loket(roos.gemeenteCode), Q, { n: roos.geslachtsnaam.toUpperCase(), g: roos.geboortedatum });
    expect(body.errors).toBeUndefined();
    // Everyone in the population with that surname and birth date who lives in her municipality (the ground truth).
    const truth = [...system.population.persons()].filter((p) => p.geslachtsnaam.toLowerCase() === roos.geslachtsnaam.toLowerCase()
      && p.geboortedatum === roos.geboortedatum && p.gemeenteCode === roos.gemeenteCode).map((p) => p.bsn).sort();
    expect(body.data.zoekJongeren.map((j: { bsn: string }) => j.bsn).sort()).toEqual(truth);
    expect(body.data.zoekJongeren).toContainEqual({ bsn: SHOWCASE_BSN, naam: { volledigeNaam: 'Roos Janssen' }, gemeente: { code: roos.gemeenteCode } });
  });

  it('leaves out people outside the scope, exactly as if the BRP did not know them', async () => {
    const roos = system.population.byBsn(SHOWCASE_BSN)!;
    const elsewhere = await gqlAs(system, loket('GM0114'), Q, { n: roos.geslachtsnaam, g: roos.geboortedatum });
    const nobody = await gqlAs(system, loket('GM0114'), Q, { n: 'Bestaatniet', g: '2001-02-03' });
    expect([elsewhere.body.data, elsewhere.body.errors]).toEqual([{ zoekJongeren: [] }, undefined]);
    expect([nobody.body.data, nobody.body.errors]).toEqual([{ zoekJongeren: [] }, undefined]);
  });

  it('finds nobody under a school-scoped activity (former students are looked up with oudStudent)', async () => {
    const roos = system.population.byBsn(SHOWCASE_BSN)!;
    const school: Identity = { role: 'loopbaanbegeleider', org: '91AA', activity: 'mbo-nazorg' };
    const { body } = await gqlAs(system, school, Q, { n: roos.geslachtsnaam, g: roos.geboortedatum });
    expect(body.data.zoekJongeren).toEqual([]);
  });

  it('refuses a malformed date of birth or an empty surname with BAD_USER_INPUT', async () => {
    for (const [n, g, argument] of [['Janssen', '19-05-2007', 'geboortedatum'], ['Janssen', '2007-02-30x', 'geboortedatum'], ['  ', '2007-05-19', 'geslachtsnaam']]) {
      const { body } = await gqlAs(system, loket('GM0518'), Q, { n, g });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});
