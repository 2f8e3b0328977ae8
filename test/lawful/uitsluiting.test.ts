import { ageOn, parseIsoDate } from '../../lib/domain/dates';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { geleverdOnderwijs } from '../support/duo';
import { gqlAs, startTestSystem, TEST_DAY, type Identity } from '../support/system';

/**
 * Issue 8: Participatiewet art. 7 lid 3 onder a — no support towards work for someone under 27
 * who can still follow funded education. For a werkcoach (reintegratie-participatiewet@2) a young
 * person of their municipality who is enrolled (per DUO's deliveries) shows only what establishes
 * the exclusion: identification, address and education; the rest is OUT_OF_SCOPE.
 */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

const Q = 'query ($bsn: String!) { jongere(bsn: $bsn) { naam { volledigeNaam } woonadres { postcode } inschrijvingen { id } heeftUitkering reintegratietrajecten { id } jongerenInBeeld { maand } } }';
const werkcoach = (org: string): Identity => ({ role: 'werkcoach', org, activity: 'reintegratie-participatiewet' });
const leeftijd = (p: SynthPersoon) => ageOn(p.geboortedatum, parseIsoDate(TEST_DAY));
const ingeschreven = (p: SynthPersoon) => geleverdOnderwijs(p, TEST_DAY).inschrijvingen.some((i) => i.einddatum === null);

describe('Participatiewet art. 7 lid 3 onder a', () => {
  it('shows an enrolled 20-year-old only identification, address and education; work and income data are OUT_OF_SCOPE', async () => {
    const p = [...system.population.persons()].find((x) => leeftijd(x) === 20 && ingeschreven(x) && !x.overlijdensdatum)!;
    const { body } = await gqlAs(system, werkcoach(p.gemeenteCode), Q, { bsn: p.bsn });
    expect(body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
    expect(body.data.jongere.inschrijvingen.length).toBeGreaterThan(0);
    for (const veld of ['heeftUitkering', 'reintegratietrajecten', 'jongerenInBeeld']) {
      expect(body.data.jongere[veld]).toBeNull();
      const fout = (body.errors ?? []).find((e) => (e.path ?? []).join('.') === `jongere.${veld}`);
      // The same generic answer as every scope refusal; the reason (the article) is the register's, not the client's.
      expect(fout?.extensions?.code).toBe('OUT_OF_SCOPE');
    }
  });

  it('does not apply to someone of the same age who is not enrolled', async () => {
    const p = [...system.population.persons()].find((x) => leeftijd(x) === 20 && !ingeschreven(x) && !x.overlijdensdatum)!;
    const { body } = await gqlAs(system, werkcoach(p.gemeenteCode), Q, { bsn: p.bsn });
    expect(body.errors ?? []).toEqual([]);
    expect(body.data.jongere.heeftUitkering).toBe(p.participatie.uitkering !== null);
  });
});
