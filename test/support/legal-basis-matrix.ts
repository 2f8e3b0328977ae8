import { PRO_SCHOLEN } from '../../population/catalog';
import { buildASTSchema, getNamedType, isObjectType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { buildSupergraphApiSdl } from './supergraph-api';
import { categoryMap } from '../../policies/categories';
import { activiteitRef, huidigeVersie, loadRegister, toegestaneCategorieen } from '../../policies/register';
import { beoordeelBereik, type Persoonskenmerken } from '../../policies/scope';
import type { Verwerkingsactiviteit } from '../../policies/types';
import { heeftToestemming } from '../../population/consent';
import type { SynthPersoon } from '../../population/types';
import { checkedInSupergraph } from '../../schema/compose';
import type { RunningSystem } from '../../system';
import { zoalsGeleverd } from './duo';
import { eigenRijen, uitgesloten, UIT_ALLE_RIJEN } from './oracle';
import { REGELBRON } from './betrokkenen';
import { expectedIntegraal } from './expected';
import { INTEGRAL_QUERY } from './graphql';
import { gqlAs, startTestSystem, type Identity } from './system';

/** One query for every client-visible field of the supergraph. */
const QUERY = `${INTEGRAL_QUERY}
query Alles($bsn: String!, $geslachtsnaam: String!, $geboortedatum: String!) {
  jongere(bsn: $bsn) { ...Integraal }
  oudStudent(bsn: $bsn) { ...Integraal }
  regio(code: "GM0114") { code naam soort gemeenten { code } arbeidsmarktregio { code } doorstroompuntregio { code } provincie { code }
    cijfers(periode: "2026-10", indicatoren: ["jongeren"]) { indicator leeftijd waarde onderdrukt } }
  dp: regio(code: "DP-ZUIDOOST-DRENTHE") { programma { contactgemeente budget regionaalAandeel maatregelen { id regio naam omschrijving partners budget regionaalAandeel bijgewerktOp bijgewerktDoor resultaten { periode omschrijving aantal onderdrukt } } } }
  monitorPeriodes
  monitorIndicatoren { code omschrijving soort }
  monitorBescherming { methode maxRuis drempel beschermingsniveau toelichting }
  regios(soort: ARBEIDSMARKTREGIO) { code }
  zoekJongeren(geslachtsnaam: $geslachtsnaam, geboortedatum: $geboortedatum) { ...Integraal }
  jongeren(eerste: 2) { totaal volgendeCursor jongeren { bsn } }
  logboek(filter: { bsn: $bsn }, eerste: 5) { tijdstip traceId spanId parentSpanId dienst activiteit activiteitNaam grondslag medewerker rol organisatie categorieenVerstrekt categorieenGeweigerd { categorie reden } status soort wijzigingen }
  mijnLogboek(eerste: 5) { tijdstip traceId spanId parentSpanId dienst activiteit activiteitNaam grondslag medewerker rol organisatie categorieenVerstrekt categorieenGeweigerd { categorie reden } status soort wijzigingen }
  loket: jongere(bsn: $bsn) { ...Loket }
  loketOud: oudStudent(bsn: $bsn) { ...Loket }
  buitenBeeld(eerste: 2) { totaal bronnen volgendeCursor items { sinds dagenBuitenBeeld jongere { bsn } } }
  oudStudenten(eerste: 2) { totaal volgendeCursor oudStudenten { voorrang uitgeschrevenOp diploma { id } jongere { bsn } } }
}
fragment Loket on Jongere {
  betrokkenen { rol domein organisatie naam sinds contact }
  toestemmingen { id activiteit categorieen ontvanger { soort waarde } doel geldigTot actief gegevenOp gegevenDoor { door medewerker organisatie activiteit } ingetrokkenOp ingetrokkenDoor { door medewerker organisatie activiteit } registerversie status bewijs { soort referentie datum } bevestigdOp bevestigdDoor { door medewerker organisatie activiteit } intrekkingsverzoek { datum kanaal referentie } }
  nazorgcontacten { id datum soort uitkomst reden instelling medewerker vastgelegdOp }
}`;

/** Every mutation, each with the categories of its arguments (asked once per activity with a harmless recipient). */
const MUTATIES = `mutation ($bsn: String!, $activiteit: String!, $categorie: String!, $eigen: String!) {
  anderen: geefToestemming(invoer: { bsn: $bsn, activiteit: $activiteit, categorieen: [$categorie], ontvanger: { soort: ORGANISATIE, waarde: "GM9999" }, doel: "matrix", geldigTot: "2027-01-01" }) { id status }
  eigen: geefToestemming(invoer: { bsn: $bsn, activiteit: $activiteit, categorieen: [$categorie], ontvanger: { soort: ORGANISATIE, waarde: $eigen }, doel: "matrix", geldigTot: "2027-01-01" }) { id status }
  bevestigToestemming(bsn: $bsn, id: "onbekend") { id }
  trekToestemmingIn(bsn: $bsn, id: "onbekend") { id }
  registreerNazorgcontact(invoer: { bsn: $bsn, datum: "2026-10-01", soort: GESPREK, uitkomst: STUDEERT }) { id }
  legMaatregelVast(regio: "DP-ZUIDOOST-DRENTHE", invoer: { naam: "Matrix", omschrijving: "matrix", partners: ["Drenthe College"], budget: 1000, regionaalAandeel: 100 }) { id }
  legResultaatVast(maatregel: "onbekend", invoer: { periode: "2026-10", omschrijving: "matrix" }) { id }
}`;

const SCHOOL = '91AA';
/** A school for praktijkonderwijs: the employer under a nazorg window opened by leaving. */
const PRO_SCHOOL = PRO_SCHOLEN[0].brin;
/** The categories of the sources of who-is-involved lines and attributes (test/support/betrokkenen.ts). */
const LIJNCATEGORIEEN = new Set(Object.values(REGELBRON).flatMap((b) => [b.regel, ...Object.values(b.attributen)]).map((v) => categoryMap(checkedInSupergraph()).of('Jongere', v!.split('.')[1])));
const sdl = checkedInSupergraph();
const categories = categoryMap(sdl);

/**
 * The matrix for the register versions in force on `dag`: a system whose clock says `dag`, every
 * role under every activity in force that day, each field checked against the register and the
 * generator's ground truth.
 */
export function legalBasisMatrix(dag: string): void {
  const klok = () => new Date(`${dag}T12:00:00Z`);
  let system: RunningSystem;
  /** How often each outcome was checked, so the matrix provably exercised every kind of decision. */
  const seen = new Map<string, number>();
  const tally = (outcome: string) => seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
  beforeAll(async () => { system = await startTestSystem({ clock: klok }); }, 120_000);
  afterAll(() => system?.stop());

  function feiten(volledig: SynthPersoon): Persoonskenmerken {
    const p = zoalsGeleverd(volledig, dag);
    return {
      bsn: p.bsn, gemeente: p.gemeenteCode, geboortedatum: p.geboortedatum,
      onderwijs: p.onderwijs.inschrijvingen.map((i) => ({ brin: i.instelling.brin, ingeschreven: i.einddatum === null,
        diplomadatum: p.onderwijs.diplomas.find((d) => d.inschrijvingId === i.id)?.datum ?? null, uitschrijfdatum: i.einddatum })),
    };
  }

  /** Four people for an activity: in and out of the employee's scope, with and without consent. */
  function vierPersonen(a: Verwerkingsactiviteit, wie: { organisatie: string | null; bsn: string | null }) {
    const picks: Record<string, SynthPersoon | undefined> = {};
    for (const p of system.population.persons()) {
      if (p.overlijdensdatum) continue;
      const inScope = beoordeelBereik(a, feiten(p), { ...wie, bsn: wie.bsn ?? null }, dag, system.population.regions).uitkomst === 'TOEGESTAAN';
      const near = p.geboortedatum >= '2001-01-01' && (!a.voorwaarden.leeftijd || a.voorwaarden.leeftijd.tot >= 18 || p.geboortedatum > '2009-06-01');
      const key = `${inScope ? 'in' : 'uit'}-${heeftToestemming(p, a.id) ? 'ja' : 'nee'}`;
      if (!picks[key] && (inScope || near)) picks[key] = p;
    }
    return picks;
  }

  describe(`every role x every activity on ${dag}: values exactly where the register grants them`, () => {
    const register = loadRegister();
    const roles = [...register.rollen.values()];

    it('asks for every client-visible field of the supergraph', () => {
      const schema: GraphQLSchema = buildASTSchema(parse(buildSupergraphApiSdl(sdl)), { assumeValidSDL: true });
      const asked = new Set<string>();
      const info = new TypeInfo(schema);
      visit(parse(QUERY), visitWithTypeInfo(info, { Field: (node) => { const parent = info.getParentType(); if (parent && isObjectType(getNamedType(parent))) asked.add(`${parent.name}.${node.name.value}`); } }));
      visit(parse(MUTATIES), visitWithTypeInfo(info, { Field: (node) => { const parent = info.getParentType(); if (parent && isObjectType(getNamedType(parent))) asked.add(`${parent.name}.${node.name.value}`); } }));
      const missing = categories.fields().filter((f) => !asked.has(f) && !f.startsWith('_') && !f.startsWith('Query._'));
      expect(missing).toEqual([]);
    });

    // The versions in force on the test day: a superseded version is refused as a whole (authentication.test.ts).
    for (const a of register.activiteiten.filter((x) => huidigeVersie(register, x.id, dag) === x)) {
      for (const rol of roles) {
        const allowed = a.rollen.includes(rol.id);
        it(`${rol.id} under ${activiteitRef(a)}: ${allowed ? 'per field, per person' : '403 ACTIVITY_NOT_ALLOWED'}`, async () => {
          const org = rol.organisatie === 'gemeente' ? 'GM0114' : rol.organisatie === 'school' ? (a.voorwaarden.nazorgVanaf === 'uitschrijving' ? PRO_SCHOOL : SCHOOL) : undefined;
          const zelfBsn = rol.organisatie === 'geen' ? system.population.bsnAt(17) : undefined;
          const who: Identity = { role: rol.id, org, bsn: zelfBsn, activity: a.id };
          if (!allowed) {
            const { status, body } = await gqlAs(system, who, QUERY, { bsn: system.population.bsnAt(0), geslachtsnaam: 'Jansen', geboortedatum: '2005-01-01' });
            expect(status).toBe(403);
            expect(body.errors?.[0]?.extensions?.code).toBe('ACTIVITY_NOT_ALLOWED');
            return;
          }
          const wie = { organisatie: org ?? null, bsn: zelfBsn ?? null };
          const picks = rol.organisatie === 'geen'
            ? { 'in-x': system.population.person(17), 'uit-x': system.population.person(18) }
            : vierPersonen(a, wie);
          expect(Object.keys(picks).filter((k) => k.startsWith('in')).length).toBeGreaterThan(0);
          for (const [key, persoon] of Object.entries(picks)) {
            if (!persoon) continue;
            await checkPerson(a, who, persoon, key.startsWith('in'), heeftToestemming(persoon, a.id));
          }
          await checkMutaties(a, who, Object.entries(picks).find(([k, p]) => k.startsWith('in') && p)![1]!);
        });
      }
    }
  });

  describe(`the matrix above (${dag})`, () => {
    it('checked values, and every refusal code, many times over', () => {
      // Seen on the demo population: 220 values, 224 NO_LEGAL_BASIS, 41 OUT_OF_SCOPE, 20 NO_CONSENT.
      for (const outcome of ['VALUE', 'NO_LEGAL_BASIS', 'NO_CONSENT', 'OUT_OF_SCOPE']) expect([outcome, (seen.get(outcome) ?? 0) >= 10]).toEqual([outcome, true]);
    });
  });

  async function checkPerson(a: Verwerkingsactiviteit, who: Identity, p: SynthPersoon, inScope: boolean, consented: boolean): Promise<void> {
    const { status, body } = await gqlAs(system, who, QUERY, { bsn: p.bsn, geslachtsnaam: p.geslachtsnaam, geboortedatum: p.geboortedatum });
    const label = `${who.role}/${a.id} ${p.bsn} ${inScope ? 'in' : 'out of'} scope, ${consented ? 'consented' : 'no consent'}`;
    expect([label, status]).toEqual([label, 200]);
    const codeAt = new Map((body.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
    const granted = toegestaneCategorieen(system.security!.register, a);
    const fieldOk = (type: string, field: string) => {
      const c = categories.of(type, field)!;
      return !a.uitgezonderd.includes(`${type}.${field}`) && (granted.has(c) || a.metToestemming.includes(c));
    };
    const expectAt = (path: string, code: string | undefined) => {
      expect([label, path, codeAt.get(path)]).toEqual([label, path, code]);
      tally(code ?? 'VALUE');
    };

    // Every Jongere field of one answered person at `pad`: a value exactly where granted. A field
    // withheld before planning is reported at `weigerPad` (once for a whole list, without index).
    const truth = eigenRijen(a, { rol: who.role, organisatie: who.org ?? null, bsn: who.bsn ?? null }, expectedIntegraal(p, system.population.regions, klok()) as Record<string, unknown>, p, dag);
    const velden = (row: Record<string, unknown>, pad: string, weigerPad: string) => {
      for (const field of Object.keys(truth)) {
        if (field === 'bsn') continue;
        const c = categories.of('Jongere', field)!;
        const path = `${pad}.${field}`;
        if (!fieldOk('Jongere', field)) { expectAt(`${weigerPad}.${field}`, 'NO_LEGAL_BASIS'); expect(row[field]).toBeNull(); continue; }
        if (a.voorwaarden.eigenStudenten && UIT_ALLE_RIJEN.has(`Jongere.${field}`)) { expectAt(path, 'NO_LEGAL_BASIS'); expect(row[field]).toBeNull(); continue; }
        if (uitgesloten(a, p, c, dag)) { expectAt(path, 'OUT_OF_SCOPE'); expect(row[field]).toBeNull(); continue; }
        if (!granted.has(c) && !consented) { expectAt(path, 'NO_CONSENT'); expect(row[field]).toBeNull(); continue; }
        expectAt(path, undefined);
        expect([label, path, row[field]]).toEqual([label, path, truth[field]]);
      }
    };

    // The person: withheld whole without identificatie; refused at the root when out of scope. A
    // school-scoped activity enters through oudStudent (onderwijs), every other one through jongere (basis).
    const schoolScoped = Boolean(a.voorwaarden.eigenStudenten || a.voorwaarden.nazorgMaanden);
    for (const rootField of ['jongere', 'oudStudent'] as const) {
      const root = body.data?.[rootField];
      if (!fieldOk('Query', rootField)) { expectAt(rootField, 'NO_LEGAL_BASIS'); expect(root).toBeNull(); continue; }
      if ((rootField === 'oudStudent') !== schoolScoped) { expectAt(rootField, 'OUT_OF_SCOPE'); expect(root).toBeNull(); continue; }
      if (!inScope) { expect(root).toBeNull(); expectAt(rootField, 'OUT_OF_SCOPE'); continue; }
      velden(root, rootField, rootField);
    }
    // The search by name and birth date: the same scope as `jongere`; out of scope means left out.
    if (!fieldOk('Query', 'zoekJongeren')) { expectAt('zoekJongeren', 'NO_LEGAL_BASIS'); expect(body.data?.zoekJongeren ?? null).toBeNull(); }
    else {
      const i = (body.data.zoekJongeren as { bsn: string }[]).findIndex((x) => x.bsn === p.bsn);
      expect([label, 'zoekJongeren', i >= 0]).toEqual([label, 'zoekJongeren', inScope && !schoolScoped]);
      if (i >= 0) velden(body.data.zoekJongeren[i], `zoekJongeren.${i}`, 'zoekJongeren');
    }
    // Reference data for everyone; figures only for the monitoring activity.
    expect(body.data.regio.naam).toBe('Emmen');
    if (granted.has('aggregaat')) { expectAt('regio.cijfers', undefined); expect(body.data.regio.cijfers.find((c: { leeftijd: string }) => c.leeftijd === 'TOTAAL').waarde).toBeGreaterThan(10); }
    else { expectAt('regio.cijfers', 'NO_LEGAL_BASIS'); expect(body.data.regio.cijfers).toBeNull(); }
    expect(body.data.monitorIndicatoren.length).toBeGreaterThan(10);
    // The regional programme: for the monitoring activity, in the analyst's own regions (Emmen is in DP-ZUIDOOST-DRENTHE).
    if (granted.has('programma')) { expectAt('dp.programma', undefined); expect(body.data.dp.programma.contactgemeente).toBe('GM0114'); }
    else { expectAt('dp.programma', 'NO_LEGAL_BASIS'); expect(body.data.dp.programma).toBeNull(); }
    // The caseload: only for region-scoped activities.
    if (!fieldOk('Query', 'jongeren')) expectAt('jongeren', 'NO_LEGAL_BASIS');
    else if (!a.voorwaarden.regio) expectAt('jongeren', 'OUT_OF_SCOPE');
    else expect(body.data.jongeren.totaal).toBeGreaterThan(0);
    // Consent, who is involved and nazorg contacts: decided per person like every Jongere field.
    for (const rootField of ['loket', 'loketOud'] as const) {
      const root = body.data?.[rootField];
      const echteRoot = rootField === 'loket' ? 'jongere' : 'oudStudent';
      if (!fieldOk('Query', echteRoot) || (echteRoot === 'oudStudent') !== schoolScoped || !inScope) { expect(root ?? null).toBeNull(); continue; }
      for (const field of ['betrokkenen', 'toestemmingen', 'nazorgcontacten']) {
        const c = categories.of('Jongere', field)!;
        const path = `${rootField}.${field}`;
        if (!fieldOk('Jongere', field)) { expectAt(path, 'NO_LEGAL_BASIS'); expect(root[field]).toBeNull(); continue; }
        if (uitgesloten(a, p, c, dag)) { expectAt(path, 'OUT_OF_SCOPE'); expect(root[field]).toBeNull(); continue; }
        if (!granted.has(c) && !consented) { expectAt(path, 'NO_CONSENT'); expect(root[field]).toBeNull(); continue; }
        // Who is involved is served; what it withholds line by line is said at the list, only for its lines' sources
        // (derived.property.test.ts checks every line against the ground truth).
        const fouten = (body.errors ?? []).filter((e) => (e.path ?? []).join('.') === path).map((e) => e.extensions?.category);
        if (field === 'betrokkenen') expect([label, fouten.filter((x) => !LIJNCATEGORIEEN.has(String(x)))]).toEqual([label, []]);
        else expectAt(path, undefined);
        tally('VALUE');
        expect([label, path, Array.isArray(root[field])]).toEqual([label, path, true]);
      }
    }
    // The out-of-sight list: only where signalering is granted (a region- and age-scoped activity).
    if (!fieldOk('Query', 'buitenBeeld')) { expectAt('buitenBeeld', 'NO_LEGAL_BASIS'); expect(body.data.buitenBeeld).toBeNull(); }
    else { expectAt('buitenBeeld', undefined); expect(typeof body.data.buitenBeeld.totaal).toBe('number'); }
    // Former students: only under a school-scoped activity.
    if (!fieldOk('Query', 'oudStudenten')) expectAt('oudStudenten', 'NO_LEGAL_BASIS');
    else if (!schoolScoped) { expectAt('oudStudenten', 'OUT_OF_SCOPE'); expect(body.data.oudStudenten).toBeNull(); }
    else { expectAt('oudStudenten', undefined); expect(body.data.oudStudenten.totaal).toBeGreaterThan(0); }
    // The audit log: the privacy officer by subject; the young person only their own.
    if (granted.has('audit')) { expectAt('logboek', undefined); expect(Array.isArray(body.data.logboek)).toBe(true); }
    else expectAt('logboek', 'NO_LEGAL_BASIS');
    if (granted.has('audit.eigen')) { expectAt('mijnLogboek', undefined); expect(Array.isArray(body.data.mijnLogboek)).toBe(true); }
    else expectAt('mijnLogboek', 'NO_LEGAL_BASIS');
  }

  /** The mutations under one activity: refused without their category; otherwise decided on the person. */
  async function checkMutaties(a: Verwerkingsactiviteit, who: Identity, p: SynthPersoon): Promise<void> {
    const granted = toegestaneCategorieen(system.security!.register, a);
    const activiteit = a.metToestemming.length ? a.id : 'jongerenloket-intake';
    const categorie = (a.metToestemming.length ? a : huidigeVersie(system.security!.register, activiteit, dag)!).metToestemming[0];
    const { body } = await gqlAs(system, who, MUTATIES, { bsn: p.bsn, activiteit, categorie, eigen: who.org ?? 'GM9999' });
    const codeAt = new Map((body.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
    const label = `${who.role}/${a.id} mutations`;
    const schoolScoped = Boolean(a.voorwaarden.eigenStudenten || a.voorwaarden.nazorgMaanden);
    // Consent: the activity must grant `toestemming` outright and the person be in scope. The young
    // person records their own for any recipient, active at once; an employee only for an activity of
    // their own role (the register's `rollen`) with their own organisation as recipient, pending.
    const zelf = Boolean(a.voorwaarden.alleenEigenGegevens);
    const eigenRol = Boolean(huidigeVersie(system.security!.register, activiteit, dag)?.rollen.includes(who.role));
    const geef = (eigenOntvanger: boolean) => (!granted.has('toestemming') ? 'NO_LEGAL_BASIS' : schoolScoped ? 'OUT_OF_SCOPE'
      : zelf || (eigenOntvanger && eigenRol && who.org) ? undefined : 'CONSENT_NOT_OWN_PROCESSING');
    for (const [alias, eigenOntvanger] of [['anderen', false], ['eigen', true]] as const) {
      expect([label, alias, codeAt.get(alias)]).toEqual([label, alias, geef(eigenOntvanger)]);
      if (geef(eigenOntvanger) === undefined) expect([label, alias, body.data[alias].status]).toEqual([label, alias, zelf ? 'ACTIEF' : 'IN_AFWACHTING']);
    }
    // Confirming or withdrawing a consent that does not exist.
    const onbekend = !granted.has('toestemming') ? 'NO_LEGAL_BASIS' : schoolScoped ? 'OUT_OF_SCOPE' : 'CONSENT_NOT_FOUND';
    expect([label, 'bevestigToestemming', codeAt.get('bevestigToestemming')]).toEqual([label, 'bevestigToestemming', onbekend]);
    expect([label, 'trekToestemmingIn', codeAt.get('trekToestemmingIn')]).toEqual([label, 'trekToestemmingIn', onbekend]);
    // A nazorg contact: only the school itself, about its own graduate within the window.
    const nazorg = granted.has('nazorg') ? (schoolScoped ? undefined : 'OUT_OF_SCOPE') : 'NO_LEGAL_BASIS';
    expect([label, 'registreerNazorgcontact', codeAt.get('registreerNazorgcontact')]).toEqual([label, 'registreerNazorgcontact', nazorg]);
    // The programme: only the monitoring activity, and the analyst of GM0114 is the region's contactgemeente.
    expect([label, 'legMaatregelVast', codeAt.get('legMaatregelVast')]).toEqual([label, 'legMaatregelVast', granted.has('programma') ? undefined : 'NO_LEGAL_BASIS']);
    expect([label, 'legResultaatVast', codeAt.get('legResultaatVast')]).toEqual([label, 'legResultaatVast', granted.has('programma') ? 'BAD_USER_INPUT' : 'NO_LEGAL_BASIS']);
    tally('MUTATIE');
  }
}
