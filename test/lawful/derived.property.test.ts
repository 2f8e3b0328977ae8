import fc from 'fast-check';
import { categoryMap } from '../../policies/categories';
import { huidigeVersie, loadRegister } from '../../policies/register';
import type { SynthPersoon } from '../../population/types';
import { checkedInSupergraph } from '../../schema/compose';
import type { RunningSystem } from '../../system';
import { ageOn, parseIsoDate } from '../../lib/domain/dates';
import { geleverdOnderwijs } from '../support/duo';
import { regelSleutel, verwachteRegels, wareBetrokkenen } from '../support/betrokkenen';
import { inBereik, mag, outright, type Wie } from '../support/oracle';
import { gqlAs, startTestSystem, TEST_DAY } from '../support/system';

/**
 * Issue 16: a derived answer carries the categories of everything it is derived from. Drawn as an
 * attacker with a valid token would try it: every role x activity the register allows, a person
 * with many people involved, and the lists that join several domains. Each line and each
 * attribute must be what the register grants for its source field, never more.
 */
const register = loadRegister();
const categories = categoryMap(checkedInSupergraph());
const PAIRS = register.activiteiten.filter((a) => huidigeVersie(register, a.id, TEST_DAY) === a).flatMap((a) => a.rollen.map((rol) => ({ a, rol })));
const GEMEENTEN = ['GM0518', 'GM0114', 'GM0268', 'GM0109'];
const SCHOOLS = ['91AA', '91AB', '91AC', '90AA'];

let system: RunningSystem;
let people: SynthPersoon[];
beforeAll(async () => {
  system = await startTestSystem({ population: { size: 3000, seed: 91, peildatum: TEST_DAY } });
  const today = parseIsoDate(TEST_DAY);
  people = [...system.population.persons()].filter((p) => !p.overlijdensdatum && ageOn(p.geboortedatum, today) >= 16 && ageOn(p.geboortedatum, today) < 27);
}, 120_000);
afterAll(() => system?.stop());

const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

describe('derived answers disclose nothing their sources would not', () => {
  it('betrokkenen: each line and each attribute only where its source field would be served', async () => {
    await fc.assert(fc.asyncProperty(fc.record({ pair: fc.constantFrom(...PAIRS), gemeente: fc.constantFrom(...GEMEENTEN), i: fc.nat() }), async ({ pair, gemeente, i }) => {
      const { a, rol } = pair;
      const soort = register.rollen.get(rol)!.organisatie;
      // People with several kinds of involvement first: they are where a leak shows.
      const pool = people.filter((p) => p.gemeenteCode === gemeente && new Set(wareBetrokkenen(p, TEST_DAY, system.population.regions).map((r) => r.rol)).size >= 2);
      const p = pool[i % pool.length];
      const wie: Wie = { rol, organisatie: soort === 'gemeente' ? gemeente : soort === 'school' ? SCHOOLS[i % SCHOOLS.length] : null, bsn: soort === 'geen' ? p.bsn : null };
      const root = a.voorwaarden.eigenStudenten ? 'oudStudent' : 'jongere';
      const r = await gqlAs(system, { role: rol, org: wie.organisatie ?? undefined, bsn: wie.bsn ?? undefined, activity: a.id },
        `query ($bsn: String!) { p: ${root}(bsn: $bsn) { betrokkenen { rol naam sinds organisatie contact } } }`, { bsn: p.bsn });
      const magVeld = (veld: string) => mag(register, a, veld, categories.of('Jongere', veld.split('.')[1])!, p, wie, TEST_DAY, system.population.regions);
      const lines = r.body.data?.p?.betrokkenen as { rol: string; naam: string | null; sinds: string | null; organisatie: string | null; contact: string | null }[] | null | undefined;
      const label = `${rol}/${a.id}@${a.versie} ${wie.organisatie ?? wie.bsn} ${p.bsn}`;
      if (!magVeld('Jongere.betrokkenen')) { expect([label, lines ?? null]).toEqual([label, null]); tally('list withheld'); return; }
      const expected = verwachteRegels(wareBetrokkenen(p, TEST_DAY, system.population.regions), magVeld);
      expect([label, (lines ?? []).map(regelSleutel).sort()]).toEqual([label, expected]);
      tally(expected.length ? 'lines served' : 'no lines');
    }), { numRuns: 200, seed: 20261207 });
    expect((seen.get('lines served') ?? 0) > 0).toBe(true);
    expect((seen.get('list withheld') ?? 0) > 0).toBe(true);
  }, 600_000);

  it('oudStudenten: a school sees only its own part of each former student\'s history', async () => {
    const schoolPairs = PAIRS.filter(({ a }) => a.voorwaarden.eigenStudenten);
    await fc.assert(fc.asyncProperty(fc.record({ pair: fc.constantFrom(...schoolPairs), school: fc.constantFrom(...SCHOOLS), eerste: fc.integer({ min: 1, max: 60 }) }), async ({ pair, school, eerste }) => {
      const { a, rol } = pair;
      const r = await gqlAs(system, { role: rol, org: school, activity: a.id },
        `{ oudStudenten(eerste: ${eerste}) { totaal oudStudenten { diploma { instelling { brin } } jongere { bsn startkwalificatie inschrijvingen { instelling { brin } } huidigeInschrijving { instelling { brin } } diplomas { instelling { brin } } vsvRegistraties { instelling { brin } } } } } }`);
      for (const o of r.body.data?.oudStudenten?.oudStudenten ?? []) {
        const j = o.jongere;
        const brins = [o.diploma, j.huidigeInschrijving, ...(j.inschrijvingen ?? []), ...(j.diplomas ?? []), ...(j.vsvRegistraties ?? [])].filter(Boolean).map((x: { instelling: { brin: string } }) => x.instelling.brin);
        expect([j.bsn, [...new Set(brins)].filter((b) => b !== school)]).toEqual([j.bsn, []]);
        // Whether someone has a startkwalificatie is derived from every school's diplomas: not the school's to know.
        const p = people.find((x) => x.bsn === j.bsn);
        if (p && geleverdOnderwijs(p, TEST_DAY).diplomas.some((d) => d.instelling.brin !== school)) expect([j.bsn, j.startkwalificatie]).toEqual([j.bsn, null]);
        tally('former student');
      }
      // Sanity for the oracle: every former student listed is in scope for the school.
      for (const o of r.body.data?.oudStudenten?.oudStudenten ?? []) {
        const p = people.find((x) => x.bsn === o.jongere.bsn);
        if (p) expect(inBereik(a, p, { rol, organisatie: school, bsn: null }, TEST_DAY, system.population.regions)).toBe(true);
      }
      expect(outright(register, a).has('identificatie')).toBe(true);
    }), { numRuns: 30, seed: 20261207 });
    expect((seen.get('former student') ?? 0) > 0).toBe(true);
  }, 600_000);
});
