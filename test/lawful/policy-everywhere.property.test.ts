import fc from 'fast-check';
import { parse, print, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { addMonths, ageOn, parseIsoDate } from '../../lib/domain/dates';
import { categoryMap } from '../../policies/categories';
import { huidigeVersie, loadRegister } from '../../policies/register';
import type { Verwerkingsactiviteit } from '../../policies/types';
import { heeftToestemming } from '../../population/consent';
import type { SynthPersoon } from '../../population/types';
import { checkedInSupergraph } from '../../schema/compose';
import type { RunningSystem } from '../../system';
import { regelSleutel, verwachteRegels, wareBetrokkenen } from '../support/betrokkenen';
import { geleverdOnderwijs, zoalsGeleverd } from '../support/duo';
import { expectedIntegraal } from '../support/expected';
import { INTEGRAL_QUERY } from '../support/graphql';
import { eigenRijen, inBereik, mag, outright, regioGemeenten, type Wie } from '../support/oracle';
import { gqlAs, startTestSystem, testClock, TEST_DAY, type Identity } from '../support/system';

/**
 * Issue 16: operations drawn over the whole composed API — every root, derived field, list,
 * argument and mutation — for every role x activity the register allows and every consent state
 * a person can be in, as an attacker with a valid token would send them. Each value, each list
 * line and each count that comes back is compared with what the register grants for the drawn
 * person, computed from the register and the generator's ground truth only (test/support): never
 * beyond the grant; and what is granted is there.
 */
const register = loadRegister();
const categories = categoryMap(checkedInSupergraph());
const PAIRS = register.activiteiten.filter((a) => huidigeVersie(register, a.id, TEST_DAY) === a).flatMap((a) => a.rollen.map((rol) => ({ a, rol })));
const GEMEENTEN = ['GM0518', 'GM0114', 'GM0268', 'GM0109'];
const SCHOOLS = ['91AA', '91AB', '91AC', '90AA'];
const fragment = parse(INTEGRAL_QUERY).definitions[0] as FragmentDefinitionNode;
const FIELDS = fragment.selectionSet.selections.map((s) => s as FieldNode).filter((f) => f.name.value !== 'bsn').map((f) => ({ name: f.name.value, text: print(f) }));
const KINDS = ['persoon', 'zoek', 'buitenBeeld', 'oudStudenten', 'logboek', 'mijnLogboek', 'cijfers', 'programma', 'geefToestemming', 'trekToestemmingIn', 'nazorgcontact', 'maatregel'] as const;
const STATES = ['zaad', 'geen', 'actief', 'inAfwachting', 'ingetrokken', 'verlopen', 'anderOntvanger'] as const;
type State = (typeof STATES)[number];
const schoolScoped = (a: Verwerkingsactiviteit) => Boolean(a.voorwaarden.eigenStudenten || a.voorwaarden.nazorgMaanden);

let system: RunningSystem;
let people: SynthPersoon[];
beforeAll(async () => {
  system = await startTestSystem({ population: { size: 1500, seed: 77, peildatum: TEST_DAY } });
  const today = parseIsoDate(TEST_DAY);
  people = [...system.population.persons()].filter((p) => ageOn(p.geboortedatum, today) >= 14);
}, 120_000);
afterAll(() => system?.stop());

/** Consent the test took over from the seed, per person and activity: the categories actively consented for this caller. */
const beheerd = new Map<string, Set<string>>();
const toestemming = (p: SynthPersoon, a: Verwerkingsactiviteit, c: string) => {
  const eigen = beheerd.get(`${p.bsn}|${a.id}`);
  return eigen ? eigen.has(c) : heeftToestemming(p, a.id);
};
/** Nazorg contacts recorded by the test, per person: the school that recorded each. */
const nazorg = new Map<string, string[]>();

/** Puts a person's consent for an activity in the drawn state (written to the store, as the graph would). */
async function zetToestemming(p: SynthPersoon, a: Verwerkingsactiviteit, wie: Wie, state: State, cats: string[]): Promise<void> {
  if (state === 'zaad' || !a.metToestemming.length) return;
  const store = system.security!.consent;
  for (const r of await store.historie(p.bsn)) if (r.activiteit === a.id && !r.ingetrokkenOp) await store.trekIn(p.bsn, r.id, { door: 'JONGERE' });
  const ontvanger = state === 'anderOntvanger' ? { soort: 'ORGANISATIE' as const, waarde: 'GM9999' } : { soort: 'ROL' as const, waarde: wie.rol };
  if (state !== 'geen') {
    // Pending: recorded by an employee and not yet confirmed (by the young person, or a second employee on evidence).
    const vastgelegd = state === 'inAfwachting' ? { door: 'MEDEWERKER' as const, medewerker: 'property', organisatie: wie.organisatie } : { door: 'JONGERE' as const };
    const r = await store.geef({ bsn: p.bsn, activiteit: a.id, categorieen: cats, ontvanger, doel: 'property test', geldigTot: state === 'verlopen' ? '2026-10-15' : '2027-06-01',
      vastgelegd, status: state === 'inAfwachting' ? 'IN_AFWACHTING' : 'ACTIEF', registerversie: a.versie });
    if (state === 'ingetrokken') await store.trekIn(p.bsn, r.id, { door: 'JONGERE' });
  }
  beheerd.set(`${p.bsn}|${a.id}`, new Set(state === 'actief' ? cats : []));
}

const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
const codeAt = (errors: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined, path: string) => errors?.find((e) => (e.path ?? []).join('.') === path)?.extensions?.code;

const opArb = fc.record({
  // Person views four times as often: they carry most fields, derived lines and consent states.
  pair: fc.constantFrom(...PAIRS), kind: fc.constantFrom(...KINDS, 'persoon', 'persoon', 'persoon'), state: fc.constantFrom(...STATES), i: fc.nat(), gemeente: fc.constantFrom(...GEMEENTEN),
  school: fc.constantFrom(...SCHOOLS), fields: fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 5, selector: (f) => f.name }),
  cats: fc.nat(), regio: fc.constantFrom('GM0518', 'DP-HAAGLANDEN', 'GM0114', 'DP-ZUIDOOST-DRENTHE', 'AM21'),
});

describe('the whole API under every role, activity and consent state', () => {
  it('discloses nothing beyond the register, through any root, derived field, list, argument or mutation', async () => {
    await fc.assert(fc.asyncProperty(opArb, async (op) => {
      const { a, rol } = op.pair;
      const soort = register.rollen.get(rol)!.organisatie;
      // People of the drawn municipality first (in scope for municipal roles), or a school's recent graduates.
      const graduates = soort === 'school' ? people.filter((x) => geleverdOnderwijs(x, TEST_DAY).diplomas.some((d) => d.instelling.brin === op.school && d.datum > addMonths(TEST_DAY, -12) && d.datum <= TEST_DAY)) : [];
      const lokaal = people.filter((x) => x.gemeenteCode === op.gemeente);
      const pool = graduates.length && op.i % 3 ? graduates : op.i % 4 ? lokaal : people;
      const p = pool[op.i % pool.length];
      const wie: Wie = { rol, organisatie: soort === 'gemeente' ? op.gemeente : soort === 'school' ? op.school : null, bsn: soort === 'geen' ? p.bsn : null };
      const who: Identity = { role: rol, org: wie.organisatie ?? undefined, bsn: wie.bsn ?? undefined, activity: a.id };
      const cats = a.metToestemming.filter((_, n) => (op.cats >> n) & 1);
      await zetToestemming(p, a, wie, op.state, cats.length ? cats : a.metToestemming.slice(0, 1));
      const granted = outright(register, a);
      const label = `${op.kind} ${rol}/${a.id}@${a.versie} ${wie.organisatie ?? wie.bsn} ${p.bsn} consent:${op.state}`;
      const magVeld = (veld: string) => mag(register, a, veld, categories.of(veld.split('.')[0], veld.split('.')[1])!, p, wie, TEST_DAY, system.population.regions, toestemming);
      switch (op.kind) {
        case 'persoon': return persoon(a, who, wie, p, op.fields, label, magVeld);
        case 'zoek': return zoek(a, who, wie, p, label);
        case 'buitenBeeld': return buitenBeeld(a, who, wie, label, granted);
        case 'oudStudenten': return oudStudenten(a, who, wie, label, granted);
        case 'logboek': return logboek(who, wie, p, label, granted);
        case 'mijnLogboek': return mijnLogboek(who, wie, label, granted);
        case 'cijfers': case 'programma': return regio(op.kind, a, who, wie, op.regio, label, granted);
        default: return mutatie(op.kind, a, who, wie, p, label, granted, op.regio);
      }
    }), { numRuns: 640, seed: 20261216 });
    console.log(`policy-everywhere: ${JSON.stringify(Object.fromEntries(seen))}`);
    for (const k of ['value', 'withheld', 'line', 'list refused', 'list served', 'mutation refused', 'mutation done', 'consent NO_CONSENT']) expect([k, (seen.get(k) ?? 0) > 0]).toEqual([k, true]);
  }, 900_000);
});

type Mag = (veld: string) => boolean;

async function persoon(a: Verwerkingsactiviteit, who: Identity, wie: Wie, p: SynthPersoon, fields: { name: string; text: string }[], label: string, magVeld: Mag) {
  const root = schoolScoped(a) ? 'oudStudent' : 'jongere';
  const q = `query ($bsn: String!) { p: ${root}(bsn: $bsn) { bsn ${fields.map((f) => f.text).join(' ')} betrokkenen { rol naam sinds organisatie contact } toestemmingen { id activiteit } nazorgcontacten { instelling } } }`;
  const { body } = await gqlAs(system, who, q, { bsn: p.bsn });
  const row = body.data?.p;
  if (!outright(register, a).has('identificatie') || !inBereik(a, p, wie, TEST_DAY, system.population.regions)) { expect([label, row ?? null]).toEqual([label, null]); tally('withheld'); return; }
  const truth = eigenRijen(a, wie, expectedIntegraal(p, system.population.regions, testClock()) as Record<string, unknown>, p, TEST_DAY);
  for (const f of fields) {
    if (!magVeld(`Jongere.${f.name}`)) { expect([label, f.name, row[f.name] ?? null]).toEqual([label, f.name, null]); tally('withheld'); continue; }
    expect([label, f.name, row[f.name]]).toEqual([label, f.name, truth[f.name]]);
    tally('value');
  }
  if (!magVeld('Jongere.betrokkenen')) {
    expect([label, row.betrokkenen]).toEqual([label, null]);
    if (a.metToestemming.includes('betrokkenen')) { expect(codeAt(body.errors, 'p.betrokkenen')).toBe('NO_CONSENT'); tally('consent NO_CONSENT'); }
  } else {
    expect([label, row.betrokkenen.map(regelSleutel).sort()]).toEqual([label, verwachteRegels(wareBetrokkenen(p, TEST_DAY, system.population.regions), magVeld)]);
    tally('line');
  }
  expect([label, 'toestemmingen', Array.isArray(row.toestemmingen)]).toEqual([label, 'toestemmingen', magVeld('Jongere.toestemmingen')]);
  // An employee sees only the consents of the activity they work under; the young person all of theirs.
  if (row.toestemmingen && !a.voorwaarden.alleenEigenGegevens) expect([label, row.toestemmingen.filter((t: { activiteit: string }) => t.activiteit !== a.id)]).toEqual([label, []]);
  if (!magVeld('Jongere.nazorgcontacten')) expect([label, row.nazorgcontacten]).toEqual([label, null]);
  else {
    const scholen = (nazorg.get(p.bsn) ?? []).filter((s) => !a.voorwaarden.eigenStudenten || s === wie.organisatie);
    expect([label, row.nazorgcontacten.map((c: { instelling: string }) => c.instelling)]).toEqual([label, scholen]);
  }
}

async function zoek(a: Verwerkingsactiviteit, who: Identity, wie: Wie, p: SynthPersoon, label: string) {
  const { body } = await gqlAs(system, who, 'query ($n: String!, $d: String!) { zoekJongeren(geslachtsnaam: $n, geboortedatum: $d) { bsn } }', { n: p.geslachtsnaam, d: p.geboortedatum });
  if (!outright(register, a).has('identificatie')) { expect([label, body.data?.zoekJongeren ?? null]).toEqual([label, null]); tally('list refused'); return; }
  const bsns = (body.data.zoekJongeren as { bsn: string }[]).map((x) => x.bsn);
  // Everyone returned is in scope; the drawn person is returned exactly when in scope.
  for (const bsn of bsns) {
    const x = people.find((y) => y.bsn === bsn);
    if (x) expect([label, bsn, !schoolScoped(a) && inBereik(a, x, wie, TEST_DAY, system.population.regions)]).toEqual([label, bsn, true]);
  }
  expect([label, bsns.includes(p.bsn)]).toEqual([label, !schoolScoped(a) && inBereik(a, p, wie, TEST_DAY, system.population.regions)]);
  tally('list served');
}

/** The out-of-sight signal for an activity, from the ground truth and the register's grants for it. */
function buitenBeeldTruth(a: Verwerkingsactiviteit, wie: Wie): Set<string> {
  const mogen = (veld: string) => { const c = categories.of('Jongere', veld)!; return outright(register, a).has(c) || a.afgeleid.some((g) => g.veld === 'Query.buitenBeeld' && g.categorieen.includes(c)); };
  const gemeenten = regioGemeenten(a.voorwaarden.regio!, wie.organisatie, system.population.regions);
  const leeftijd = a.voorwaarden.leeftijd ?? { van: 16, tot: 27 };
  const uit = new Set<string>();
  for (const v of system.population.persons()) {
    const age = ageOn(v.geboortedatum, testClock());
    if (!gemeenten.has(v.gemeenteCode) || age < leeftijd.van || age >= leeftijd.tot) continue;
    const o = zoalsGeleverd(v, TEST_DAY).onderwijs;
    if ((!o.inschrijvingen.length && !o.diplomas.length) || o.inschrijvingen.some((i) => i.einddatum === null)) continue;
    if (o.diplomas.some((d) => (d.onderwijssoort === 'VO' ? ['havo', 'vwo'].includes(d.niveau) : d.onderwijssoort !== 'MBO' || Number(d.niveau) >= 2))) continue;
    const w = v.participatie;
    if (mogen('heeftUitkering') && w.uitkering) continue;
    if (mogen('reintegratietrajecten') && w.trajecten.some((t) => t.einddatum === null)) continue;
    if (mogen('heeftWerk') && w.werk.some((d) => d.begindatum <= TEST_DAY && (d.einddatum === null || d.einddatum >= TEST_DAY))) continue;
    if (mogen('doorstroomtrajecten') && v.leerplicht.trajecten.some((t) => t.status !== 'AFGESLOTEN')) continue;
    if (mogen('heeftZorgtoewijzing') && v.zorg.toewijzingen.some((t) => t.startZorg && !t.stopZorg && t.begindatum <= TEST_DAY && (!t.einddatum || t.einddatum >= TEST_DAY))) continue;
    uit.add(v.bsn);
  }
  return uit;
}

async function buitenBeeld(a: Verwerkingsactiviteit, who: Identity, wie: Wie, label: string, granted: Set<string>) {
  const { body } = await gqlAs(system, who, '{ buitenBeeld(eerste: 40) { totaal items { jongere { bsn } } } }');
  const vereist = ['signalering', 'onderwijs.resultaat', 'onderwijs.inschrijving', 'woonadres', 'identificatie'];
  if (!vereist.every((c) => granted.has(c)) || !a.voorwaarden.regio) { expect([label, body.data?.buitenBeeld ?? null]).toEqual([label, null]); tally('list refused'); return; }
  const truth = buitenBeeldTruth(a, wie);
  expect([label, body.data.buitenBeeld.totaal]).toEqual([label, truth.size]);
  for (const item of body.data.buitenBeeld.items) expect([label, item.jongere.bsn, truth.has(item.jongere.bsn)]).toEqual([label, item.jongere.bsn, true]);
  tally('list served');
}

async function oudStudenten(a: Verwerkingsactiviteit, who: Identity, wie: Wie, label: string, granted: Set<string>) {
  const { body } = await gqlAs(system, who, '{ oudStudenten(eerste: 100) { totaal oudStudenten { jongere { bsn inschrijvingen { instelling { brin } } diplomas { instelling { brin } } } } } }');
  if (!granted.has('identificatie') || !a.voorwaarden.eigenStudenten) { expect([label, body.data?.oudStudenten ?? null]).toEqual([label, null]); tally('list refused'); return; }
  const truth = people.filter((x) => geleverdOnderwijs(x, TEST_DAY).diplomas.some((d) => d.instelling.brin === wie.organisatie && d.onderwijssoort === 'MBO' && d.datum >= addMonths(TEST_DAY, -a.voorwaarden.nazorgMaanden!) && d.datum <= TEST_DAY));
  expect([label, body.data.oudStudenten.totaal]).toEqual([label, truth.length]);
  for (const o of body.data.oudStudenten.oudStudenten) {
    const brins = [...(o.jongere.inschrijvingen ?? []), ...(o.jongere.diplomas ?? [])].map((x: { instelling: { brin: string } }) => x.instelling.brin);
    expect([label, o.jongere.bsn, brins.filter((b: string) => b !== wie.organisatie)]).toEqual([label, o.jongere.bsn, []]);
  }
  tally('list served');
}

async function logboek(who: Identity, wie: Wie, p: SynthPersoon, label: string, granted: Set<string>) {
  const { body } = await gqlAs(system, who, 'query ($bsn: String!) { logboek(filter: { bsn: $bsn }, eerste: 200) { organisatie } }', { bsn: p.bsn });
  if (!granted.has('audit')) { expect([label, body.data?.logboek ?? null]).toEqual([label, null]); tally('list refused'); return; }
  // The privacy officer: every record about a resident of their municipality, otherwise only their own organisation's.
  const eigen = p.gemeenteCode === wie.organisatie;
  for (const r of body.data.logboek) if (!eigen) expect([label, r.organisatie]).toEqual([label, wie.organisatie]);
  tally('list served');
}

async function mijnLogboek(who: Identity, wie: Wie, label: string, granted: Set<string>) {
  const { body } = await gqlAs(system, who, '{ mijnLogboek(eerste: 500) { traceId } }');
  if (!granted.has('audit.eigen') || !wie.bsn) { expect([label, body.data?.mijnLogboek ?? null]).toEqual([label, null]); tally('list refused'); return; }
  // Only records about the young person themself (the store's records under their pseudonym).
  const eigen = new Set((await system.security!.audit.query({ dataSubjectId: system.security!.pseudonym(wie.bsn) }, 5000)).map((r) => r.trace_id));
  for (const r of body.data.mijnLogboek) expect([label, eigen.has(r.traceId)]).toEqual([label, true]);
  tally('list served');
}

async function regio(kind: 'cijfers' | 'programma', a: Verwerkingsactiviteit, who: Identity, wie: Wie, code: string, label: string, granted: Set<string>) {
  const veld = kind === 'cijfers' ? 'cijfers(periode: "2026-10") { waarde }' : 'programma { budget }';
  const { body } = await gqlAs(system, who, `{ regio(code: "${code}") { code ${veld} } }`);
  const categorie = kind === 'cijfers' ? 'aggregaat' : 'programma';
  const eigen = (() => { const g = system.population.regions.get(wie.organisatie ?? ''); return g ? [g.code, g.arbeidsmarktregio, g.doorstroompuntregio].includes(code) : false; })();
  const isDp = code.startsWith('DP-');
  const waarde = body.data?.regio?.[kind] ?? null;
  if (!granted.has(categorie) || (a.voorwaarden.eigenRegios && !eigen)) { expect([label, waarde]).toEqual([label, null]); tally('list refused'); return; }
  if (kind === 'programma' && !isDp) { expect([label, waarde]).toEqual([label, null]); return; }
  expect([label, waarde !== null]).toEqual([label, true]);
  tally('list served');
}

async function mutatie(kind: string, a: Verwerkingsactiviteit, who: Identity, wie: Wie, p: SynthPersoon, label: string, granted: Set<string>, regioCode: string) {
  const persoonInBereik = !schoolScoped(a) && inBereik(a, p, wie, TEST_DAY, system.population.regions);
  if (kind === 'geefToestemming' || kind === 'trekToestemmingIn') {
    const voor = (await system.security!.consent.historie(p.bsn)).length;
    const q = kind === 'geefToestemming'
      ? `mutation ($bsn: String!) { r: geefToestemming(invoer: { bsn: $bsn, activiteit: "jongerenloket-intake", categorieen: ["betrokkenen"], ontvanger: { soort: ORGANISATIE, waarde: "GM0518" }, doel: "property", geldigTot: "2027-05-01" }) { id status } }`
      : 'mutation ($bsn: String!) { r: trekToestemmingIn(bsn: $bsn, id: "onbekend") { id } }';
    const { body } = await gqlAs(system, who, q, { bsn: p.bsn });
    // Self-service: only oneself. An employee: only their own processing (an activity of their role, their own organisation as recipient).
    const zelf = Boolean(a.voorwaarden.alleenEigenGegevens);
    const eigen = zelf || (huidigeVersie(register, 'jongerenloket-intake', TEST_DAY)!.rollen.includes(wie.rol) && wie.organisatie === 'GM0518');
    const mag = granted.has('toestemming') && persoonInBereik && (kind === 'trekToestemmingIn' || eigen);
    if (!mag) {
      expect([label, body.data?.r ?? null, (await system.security!.consent.historie(p.bsn)).length]).toEqual([label, null, voor]);
      tally('mutation refused');
    } else if (kind === 'geefToestemming') {
      expect([label, body.data?.r?.status]).toEqual([label, zelf ? 'ACTIEF' : 'IN_AFWACHTING']);
      tally('mutation done');
    } else expect([label, codeAt(body.errors, 'r')]).toEqual([label, 'CONSENT_NOT_FOUND']);
    return;
  }
  if (kind === 'nazorgcontact') {
    const { body } = await gqlAs(system, who, 'mutation ($bsn: String!) { r: registreerNazorgcontact(invoer: { bsn: $bsn, datum: "2026-10-20", soort: GESPREK, uitkomst: STUDEERT, reden: GEEN_ONDERSTEUNING_NODIG }) { id instelling } }', { bsn: p.bsn });
    const mag = granted.has('nazorg') && schoolScoped(a) && inBereik(a, p, wie, TEST_DAY, system.population.regions);
    if (!mag) { expect([label, body.data?.r ?? null]).toEqual([label, null]); tally('mutation refused'); return; }
    expect([label, body.data.r.instelling]).toEqual([label, wie.organisatie]);
    nazorg.set(p.bsn, [...(nazorg.get(p.bsn) ?? []), wie.organisatie!]);
    tally('mutation done');
    return;
  }
  const dp = system.population.regions.get(regioCode);
  const { body } = await gqlAs(system, who, `mutation { r: legMaatregelVast(regio: "${regioCode}", invoer: { naam: "Maatregel", omschrijving: "Samen met de scholen", partners: ["ROC"], budget: 1000, regionaalAandeel: 100 }) { id } }`);
  const mag = granted.has('programma') && dp?.soort === 'DOORSTROOMPUNTREGIO' && dp.contactgemeente === wie.organisatie;
  if (!mag) { expect([label, body.data?.r ?? null]).toEqual([label, null]); tally('mutation refused'); return; }
  expect([label, typeof body.data?.r?.id]).toEqual([label, 'string']);
  tally('mutation done');
}
