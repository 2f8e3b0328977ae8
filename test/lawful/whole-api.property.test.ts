import fc from 'fast-check';
import { parse, print, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { categoryMap } from '../../policies/categories';
import { huidigeVersie, loadRegister } from '../../policies/register';
import type { SynthPersoon } from '../../population/types';
import type { Verwerkingsactiviteit } from '../../policies/types';
import { checkedInSupergraph } from '../../schema/compose';
import type { RunningSystem } from '../../system';
import { geleverdOnderwijs } from '../support/duo';
import { expectedIntegraal } from '../support/expected';
import { INTEGRAL_QUERY } from '../support/graphql';
import { eigenRijen, FILTER_CATEGORIE, inBereik, mag, outright, voldoet, type Filter, type Wie } from '../support/oracle';
import { gqlAs, startTestSystem, testClock, TEST_DAY } from '../support/system';

/**
 * Issue 6: operations drawn over the whole API (fields, arguments, filters, aliases, fragments),
 * for every role x activity, compared with what the register grants for each person in the
 * answer (values, totaal, membership). Nothing beyond the grant, ever; and what is granted is there.
 */
const register = loadRegister();
const categories = categoryMap(checkedInSupergraph());
const fragment = parse(INTEGRAL_QUERY).definitions[0] as FragmentDefinitionNode;
/** Every Jongere field with the selection the integral view uses for it. */
const FIELDS = fragment.selectionSet.selections.map((s) => s as FieldNode).filter((f) => f.name.value !== 'bsn')
  .map((f) => ({ name: f.name.value, text: print(f) }));
const SCHOOLS = ['91AA', '91AB', '91AC', '90AA'];
const STATUSES = ['AANGEMELD', 'ACTIEF', 'AFGESLOTEN'];

let system: RunningSystem;
let people: SynthPersoon[];
beforeAll(async () => {
  system = await startTestSystem({ population: { size: 1500, seed: 77, peildatum: TEST_DAY } });
  people = [...system.population.persons()];
}, 120_000);
afterAll(() => system?.stop());

/** Role and activity pairs the register allows. */
const PAIRS = register.activiteiten.filter((a) => huidigeVersie(register, a.id, TEST_DAY) === a).flatMap((a) => a.rollen.map((rol) => ({ a, rol })));

const filterArb: fc.Arbitrary<Filter> = fc.record({
  regio: fc.constantFrom('GM0114', 'GM0518', 'AM21', 'DP-ZUIDOOST-DRENTHE', 'GM0268'),
  leeftijdVanaf: fc.integer({ min: 14, max: 24 }),
  leeftijdTot: fc.integer({ min: 18, max: 30 }),
  zonderStartkwalificatie: fc.boolean(),
  doorstroomstatus: fc.constantFrom(...STATUSES),
}, { requiredKeys: [] }).filter((f) => f.leeftijdVanaf === undefined || f.leeftijdTot === undefined || f.leeftijdVanaf <= f.leeftijdTot);

const operationArb = fc.record({
  pair: fc.constantFrom(...PAIRS),
  gemeente: fc.constantFrom('GM0114', 'GM0518', 'GM0268', 'GM0109', 'GM0603'),
  school: fc.constantFrom(...SCHOOLS),
  personIndex: fc.nat(),
  fields: fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 6, selector: (f) => f.name }),
  aliases: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  shape: fc.constantFrom('plain', 'inline', 'named'),
  root: fc.constantFrom('jongere', 'oudStudent', 'jongeren'),
  filter: filterArb,
  eerste: fc.integer({ min: 1, max: 40 }),
  viaVariables: fc.boolean(),
  /** Draw the person among the school's recent graduates (who are rare in the population), to reach served oudStudent roots. */
  recentGraduate: fc.boolean(),
});

type Op = typeof operationArb extends fc.Arbitrary<infer T> ? T : never;

function build(op: Op, bsn: string) {
  const keys = op.fields.map((f, i) => (op.aliases[i] ? `a${i}_${f.name}` : f.name));
  const selections = op.fields.map((f, i) => (op.aliases[i] ? `${keys[i]}: ${f.text}` : f.text)).join(' ');
  const body = op.shape === 'plain' ? `bsn ${selections}` : op.shape === 'inline' ? `bsn ... on Jongere { ${selections} }` : 'bsn ...J';
  const fragmentText = op.shape === 'named' ? ` fragment J on Jongere { ${selections} }` : '';
  if (op.root !== 'jongeren') {
    return { query: `query ($bsn: String!) { ${op.root}(bsn: $bsn) { ${body} } }${fragmentText}`, variables: { bsn }, keys };
  }
  if (op.viaVariables) {
    return { query: `query ($f: JongerenFilter, $n: Int) { jongeren(filter: $f, eerste: $n) { totaal jongeren { ${body} } } }${fragmentText}`, variables: { f: op.filter, n: op.eerste }, keys };
  }
  const literal = Object.entries(op.filter).map(([k, v]) => `${k}: ${typeof v === 'string' && k !== 'doorstroomstatus' ? JSON.stringify(v) : v}`).join(', ');
  return { query: `{ jongeren(filter: { ${literal} }, eerste: ${op.eerste}) { totaal jongeren { ${body} } } }${fragmentText}`, variables: undefined, keys };
}

const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

/** Every field of one person in the answer: a value only where granted, and then the true one. */
function checkPerson(a: Verwerkingsactiviteit, wie: Wie, p: SynthPersoon, row: Record<string, unknown>, op: Op, keys: string[]) {
  const truth = eigenRijen(a, wie, expectedIntegraal(p, system.population.regions, testClock()) as Record<string, unknown>, p, TEST_DAY);
  op.fields.forEach((f, i) => {
    const value = row[keys[i]];
    const allowed = mag(register, a, `Jongere.${f.name}`, categories.of('Jongere', f.name)!, p, wie, TEST_DAY, system.population.regions);
    const label = `${wie.rol}/${a.id} ${p.bsn} ${f.name}`;
    if (!allowed) { expect([label, value ?? null]).toEqual([label, null]); tally('withheld'); return; }
    expect([label, value]).toEqual([label, truth[f.name]]);
    tally('served');
  });
}

describe('the whole API, drawn at random, never discloses beyond the register', () => {
  it('holds for every role x activity, person, field set, alias, fragment and filter', async () => {
    await fc.assert(fc.asyncProperty(operationArb, async (op) => {
      const { a, rol } = op.pair;
      const soort = register.rollen.get(rol)!.organisatie;
      const self = people[(op.personIndex * 7 + 3) % people.length];
      const wie: Wie = { rol, organisatie: soort === 'gemeente' ? op.gemeente : soort === 'school' ? op.school : null, bsn: soort === 'geen' ? self.bsn : null };
      const graduates = op.recentGraduate ? people.filter((x) => geleverdOnderwijs(x, TEST_DAY).diplomas.some((d) => d.instelling.brin === op.school && d.datum > '2025-11-01' && d.datum <= TEST_DAY)) : [];
      const pool = graduates.length ? graduates : people;
      const p = pool[op.personIndex % pool.length];
      const { query, variables, keys } = build(op, p.bsn);
      const { status, body } = await gqlAs(system, { role: rol, org: wie.organisatie ?? undefined, bsn: wie.bsn ?? undefined, activity: a.id }, query, variables);
      const granted = outright(register, a);
      if (op.root !== 'jongeren') {
        const person = body.data?.[op.root];
        if (!granted.has('identificatie')) { expect(person ?? null).toBeNull(); tally('root withheld'); return; }
        // A school-scoped activity enters through oudStudent, every other one through jongere.
        const schoolScoped = Boolean(a.voorwaarden.eigenStudenten || a.voorwaarden.nazorgMaanden);
        if ((op.root === 'oudStudent') !== schoolScoped || !inBereik(a, p, wie, TEST_DAY, system.population.regions)) {
          // Refused at the root, as for a BSN nobody has: null with OUT_OF_SCOPE, nothing else.
          const rootError = body.errors?.find((e) => e.path?.length === 1 && e.path[0] === op.root);
          expect([person ?? null, rootError?.extensions?.code]).toEqual([null, 'OUT_OF_SCOPE']);
          tally('root out of scope');
          return;
        }
        expect(status).toBe(200);
        checkPerson(a, wie, p, person, op, keys);
        tally(`root ${op.root}`);
        return;
      }
      // The caseload: filters must be granted outright, or the whole operation is refused.
      const used = Object.keys(op.filter) as (keyof Filter)[];
      const refused = used.filter((k) => !granted.has(FILTER_CATEGORIE[k]));
      if (!granted.has('identificatie')) { expect(body.data?.jongeren ?? null).toBeNull(); tally('caseload withheld'); return; }
      if (refused.length) {
        expect([status, body.data ?? null, body.errors?.[0]?.extensions?.code]).toEqual([403, null, 'FILTER_NOT_ALLOWED']);
        tally('filter refused');
        return;
      }
      if (!a.voorwaarden.regio) { expect(body.data?.jongeren ?? null).toBeNull(); tally('caseload out of scope'); return; }
      const members = people.filter((x) => voldoet(x, op.filter, TEST_DAY, system.population.regions)
        && inBereik({ ...a, voorwaarden: { leeftijd: a.voorwaarden.leeftijd, regio: a.voorwaarden.regio } }, x, wie, TEST_DAY, system.population.regions));
      expect(body.errors?.filter((e) => !['NO_LEGAL_BASIS', 'NO_CONSENT', 'OUT_OF_SCOPE'].includes(e.extensions?.code as string)) ?? []).toEqual([]);
      expect(body.data.jongeren.totaal).toBe(members.length);
      const rows = body.data.jongeren.jongeren as Record<string, unknown>[];
      expect(rows.length).toBe(Math.min(op.eerste, members.length));
      const bsns = new Set(members.map((m) => m.bsn));
      for (const row of rows) {
        expect(bsns.has(row.bsn as string)).toBe(true);
        checkPerson(a, wie, people.find((x) => x.bsn === row.bsn)!, row, op, keys);
      }
      tally('caseload');
    }), { numRuns: 250, seed: 20261130 });
    // The draw exercised every kind of outcome.
    for (const k of ['served', 'withheld', 'filter refused', 'caseload', 'root out of scope', 'root jongere', 'root oudStudent']) expect([k, (seen.get(k) ?? 0) > 0]).toEqual([k, true]);
  }, 600_000);

  it('documents the filter categories the oracle assumes exactly as the schema declares them', () => {
    for (const [field, category] of Object.entries(FILTER_CATEGORIE)) expect([field, categories.inputField('JongerenFilter', field)]).toEqual([field, category]);
  });
});
