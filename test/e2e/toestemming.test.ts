import { ageOn } from '../../lib/domain/dates';
import { categoryMap } from '../../policies/categories';
import { huidigeVersie, loadRegister } from '../../policies/register';
import { heeftToestemming } from '../../population/consent';
import { checkedInSupergraph } from '../../schema/compose';
import { REGELBRON, regelSleutel, verwachteRegels, wareBetrokkenen } from '../support/betrokkenen';
import { mag } from '../support/oracle';
import { SHOWCASE_BSN } from '../../population/generator';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, testClock, TEST_DAY, zelf, type Identity } from '../support/system';
import { meldVerlopen } from '../../subgraphs/toestemming/verloop';
import { buildASTSchema, parse } from 'graphql';
import { ratePoints } from '../../gateway/limits/rate-limit';
import { leesVerklaringen } from '../../policies/declaraties';
import { buildSupergraphApiSdl } from '../support/supergraph-api';

/**
 * Consent through the graph (self-service and on behalf, its validation and scope), and who is
 * involved (`betrokkenen`) against the generator's ground truth, with a failing domain.
 */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());
afterEach(() => { for (const sim of Object.values(system.simulators)) sim.faults = { latencyMs: 0, mode: 'ok' }; });

const loket: Identity = { role: 'jongerenloket', org: 'GM0518', activity: 'jongerenloket-intake', sub: 'consulent-3' };
const wmo: Identity = { role: 'wmo-jeugdconsulent', org: 'GM0518', activity: 'wmo-jeugd-toegang' };
const GEEF = `mutation ($invoer: ToestemmingInvoer!) { geefToestemming(invoer: $invoer) { id status actief categorieen registerversie gegevenDoor { door medewerker organisatie activiteit } } }`;
const invoer = (bsn: string, extra: Record<string, unknown> = {}) => ({ bsn, activiteit: 'jongerenloket-intake', categorieen: ['betrokkenen'],
  ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, doel: 'intake', geldigTot: '2027-05-01', ...extra });
const denHaag = (pred: (p: SynthPersoon) => boolean) => [...system.population.persons()].filter((p) => p.gemeenteCode === 'GM0518' && !p.overlijdensdatum
  && ageOn(p.geboortedatum, testClock()) >= 16 && ageOn(p.geboortedatum, testClock()) < 27 && pred(p));

describe('consent through the graph', () => {
  it('lets the young person give consent themself: active at once, recorded as theirs, in their history', async () => {
    const r = await gqlAs(system, zelf(SHOWCASE_BSN), GEEF, { invoer: invoer(SHOWCASE_BSN, { ontvanger: { soort: 'ROL', waarde: 'jongerenloket' } }) });
    expect(r.body.data.geefToestemming).toMatchObject({ status: 'ACTIEF', actief: true, categorieen: ['betrokkenen'], registerversie: 3, gegevenDoor: { door: 'JONGERE', medewerker: null, activiteit: 'inzage-betrokkene@3' } });
    const h = await gqlAs(system, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") { toestemmingen { id activiteit ontvanger { soort waarde } actief } } }`);
    expect(h.body.data.jongere.toestemmingen).toContainEqual({ id: r.body.data.geefToestemming.id, activiteit: 'jongerenloket-intake', ontvanger: { soort: 'ROL', waarde: 'jongerenloket' }, actief: true });
  });

  it('refuses a change for someone else (self-service), outside the consultant\'s municipality, or for an unknown BSN, alike', async () => {
    const ander = denHaag((p) => p.bsn !== SHOWCASE_BSN)[0];
    const buiten = [...system.population.persons()].find((p) => p.gemeenteCode === 'GM0114' && ageOn(p.geboortedatum, testClock()) >= 16 && ageOn(p.geboortedatum, testClock()) < 27)!;
    for (const [who, bsn] of [[zelf(SHOWCASE_BSN), ander.bsn], [loket, buiten.bsn], [loket, '123456782']] as const) {
      const r = await gqlAs(system, who, GEEF, { invoer: invoer(bsn) });
      expect([bsn, r.body.data?.geefToestemming ?? null, r.body.errors?.[0]?.extensions?.code]).toEqual([bsn, null, 'OUT_OF_SCOPE']);
    }
  });

  it('gives stable codes for bad input, and NO_LEGAL_BASIS to an activity without the consent category', async () => {
    const p = denHaag(() => true)[0];
    const code = async (who: Identity, extra: Record<string, unknown>) => (await gqlAs(system, who, GEEF, { invoer: invoer(p.bsn, extra) })).body.errors?.[0]?.extensions?.code;
    expect(await code(loket, { activiteit: 'geen-activiteit' })).toBe('CONSENT_NOT_OWN_PROCESSING'); // not an activity of the loket's role
    expect(await code(zelf(SHOWCASE_BSN), { bsn: SHOWCASE_BSN, activiteit: 'geen-activiteit' })).toBe('UNKNOWN_ACTIVITY');
    expect(await code(loket, { categorieen: ['zorg.detail'] })).toBe('BAD_USER_INPUT');
    expect(await code(loket, { geldigTot: '2020-01-01' })).toBe('BAD_USER_INPUT');
    expect(await code(loket, { bsn: '123456789' })).toBe('BAD_USER_INPUT'); // elfproef
    expect(await code(wmo, {})).toBe('NO_LEGAL_BASIS');
  });
});

describe('consent the young person can be shown to have given', () => {
  const Q = 'query ($bsn: String!) { jongere(bsn: $bsn) { betrokkenen { rol } verzuimmeldingen { id } } }';
  const BEVESTIG = 'mutation ($bsn: String!, $id: ID!) { bevestigToestemming(bsn: $bsn, id: $id) { id status bevestigdDoor { door medewerker } } }';
  const INTREK = 'mutation ($bsn: String!, $id: ID!, $v: IntrekkingsverzoekInvoer) { trekToestemmingIn(bsn: $bsn, id: $id, verzoek: $v) { id status intrekkingsverzoek { kanaal } } }';
  const collega: Identity = { ...loket, sub: 'consulent-4' };
  const bewijs = { soort: 'ONDERTEKEND_FORMULIER', referentie: 'JL-2026-77', datum: '2026-10-30' };
  const zonderToestemming = () => denHaag((p) => !heeftToestemming(p, 'jongerenloket-intake') && wareBetrokkenen(p, TEST_DAY, system.population.regions).length > 0);
  const codeAt = (r: { body: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] } }, pad: string) => r.body.errors?.find((e) => e.path?.join('.') === pad)?.extensions?.code;

  it('recorded by an employee it is pending and opens nothing; confirmed by the young person it opens exactly the categories it names', async () => {
    const p = zonderToestemming()[0];
    const r = await gqlAs(system, loket, GEEF, { invoer: invoer(p.bsn) });
    expect(r.body.data.geefToestemming).toMatchObject({ status: 'IN_AFWACHTING', actief: false, gegevenDoor: { door: 'MEDEWERKER', medewerker: 'consulent-3', organisatie: 'GM0518' } });
    expect(codeAt(await gqlAs(system, loket, Q, { bsn: p.bsn }), 'jongere.betrokkenen')).toBe('NO_CONSENT');
    const b = await gqlAs(system, zelf(p.bsn), BEVESTIG, { bsn: p.bsn, id: r.body.data.geefToestemming.id });
    expect(b.body.data.bevestigToestemming).toMatchObject({ status: 'ACTIEF', bevestigdDoor: { door: 'JONGERE', medewerker: null } });
    const na = await gqlAs(system, loket, Q, { bsn: p.bsn });
    expect(Array.isArray(na.body.data.jongere.betrokkenen)).toBe(true);
    // Only what it names: verzuim (also asked consent for by the activity) stays withheld.
    expect(codeAt(na, 'jongere.verzuimmeldingen')).toBe('NO_CONSENT');
  });

  it('recorded with evidence, a second employee of the same organisation confirms it; the one who recorded it cannot, nor without evidence', async () => {
    const [p, q] = zonderToestemming().slice(1, 3);
    const met = await gqlAs(system, loket, GEEF, { invoer: invoer(p.bsn, { bewijs }) });
    const id = met.body.data.geefToestemming.id;
    expect((await gqlAs(system, loket, BEVESTIG, { bsn: p.bsn, id })).body.errors?.[0]?.extensions?.code).toBe('CONSENT_FOUR_EYES');
    const zonder = await gqlAs(system, loket, GEEF, { invoer: invoer(q.bsn) });
    expect((await gqlAs(system, collega, BEVESTIG, { bsn: q.bsn, id: zonder.body.data.geefToestemming.id })).body.errors?.[0]?.extensions?.code).toBe('CONSENT_EVIDENCE_REQUIRED');
    const ok = await gqlAs(system, collega, BEVESTIG, { bsn: p.bsn, id });
    expect(ok.body.data.bevestigToestemming).toMatchObject({ status: 'ACTIEF', bevestigdDoor: { door: 'MEDEWERKER', medewerker: 'consulent-4' } });
    expect(Array.isArray((await gqlAs(system, loket, Q, { bsn: p.bsn })).body.data.jongere.betrokkenen)).toBe(true);
    // Confirmed once: a second confirmation finds nothing pending.
    expect((await gqlAs(system, collega, BEVESTIG, { bsn: p.bsn, id })).body.errors?.[0]?.extensions?.code).toBe('CONSENT_NOT_FOUND');
  });

  it('refuses recording consent for another service, withdrawing another organisation\'s consent without the young person\'s request, and shows an employee only their own', async () => {
    const p = zonderToestemming()[3];
    // For the werkcoach's activity, or for a school: not the loket's own processing.
    for (const extra of [{ activiteit: 'reintegratie-participatiewet', categorieen: ['zorg.indicatie'], ontvanger: { soort: 'ROL', waarde: 'werkcoach' } },
      { ontvanger: { soort: 'ORGANISATIE', waarde: '91AA' } }]) {
      expect((await gqlAs(system, loket, GEEF, { invoer: invoer(p.bsn, extra) })).body.errors?.[0]?.extensions?.code).toBe('CONSENT_NOT_OWN_PROCESSING');
    }
    // The young person gives the werkcoach consent themself.
    const werk = await gqlAs(system, zelf(p.bsn), GEEF, { invoer: invoer(p.bsn, { activiteit: 'reintegratie-participatiewet', categorieen: ['zorg.indicatie'], ontvanger: { soort: 'ROL', waarde: 'werkcoach' } }) });
    const id = werk.body.data.geefToestemming.id;
    // The loket neither sees it nor withdraws it on its own; the young person sees it.
    const zicht = await gqlAs(system, loket, `{ jongere(bsn: "${p.bsn}") { toestemmingen { id } } }`);
    expect(zicht.body.data.jongere.toestemmingen.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await gqlAs(system, zelf(p.bsn), `{ jongere(bsn: "${p.bsn}") { toestemmingen { id } } }`)).body.data.jongere.toestemmingen.map((t: { id: string }) => t.id)).toContain(id);
    expect((await gqlAs(system, loket, INTREK, { bsn: p.bsn, id })).body.errors?.[0]?.extensions?.code).toBe('CONSENT_NOT_OWN_PROCESSING');
    // On the young person's recorded request it may, and the request is part of the record.
    const v = { datum: '2026-11-01', kanaal: 'BALIE', referentie: 'balie-notitie 3' };
    expect((await gqlAs(system, loket, INTREK, { bsn: p.bsn, id, v })).body.data.trekToestemmingIn).toEqual({ id, status: 'INGETROKKEN', intrekkingsverzoek: { kanaal: 'BALIE' } });
  });

  it('never widens an old consent with what a later register version asks: it covers what was explained then', async () => {
    // Someone of Den Haag who never consented to the Doorstroompunt, with a consent from before categories were stored (given under version 2).
    const p = denHaag((x) => !heeftToestemming(x, 'doorstroompunt-begeleiding'))[0];
    await system.security!.consent.geef({ bsn: p.bsn, activiteit: 'doorstroompunt-begeleiding', categorieen: null, ontvanger: { soort: 'ROL', waarde: 'doorstroomcoach' } }, new Date('2026-10-15T09:00:00Z'));
    const coach: Identity = { role: 'doorstroomcoach', org: 'GM0518', activity: 'doorstroompunt-begeleiding' };
    const r = await gqlAs(system, coach, `{ jongere(bsn: "${p.bsn}") { heeftUitkering betrokkenen { rol } } }`);
    // Version 2 asked consent for benefits and trajectories: served. Version 3 added who is involved: not covered.
    expect([codeAt(r, 'jongere.heeftUitkering'), typeof r.body.data.jongere.heeftUitkering]).toEqual([undefined, 'boolean']);
    expect(codeAt(r, 'jongere.betrokkenen')).toBe('NO_CONSENT');
  });

  it('shows the privacy officer and the young person what happened: given, confirmed, withdrawn and expired, filterable by kind', async () => {
    const p = zonderToestemming()[4];
    const gegeven = await gqlAs(system, loket, GEEF, { invoer: invoer(p.bsn) });
    const id = gegeven.body.data.geefToestemming.id;
    await gqlAs(system, zelf(p.bsn), BEVESTIG, { bsn: p.bsn, id });
    await gqlAs(system, loket, INTREK, { bsn: p.bsn, id });
    // One that expired: its end date has come (written as it would have been a year ago), reported once by the job.
    await system.security!.consent.geef({ bsn: p.bsn, activiteit: 'jongerenloket-intake', categorieen: ['vsv'], ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' },
      geldigTot: '2026-10-20', status: 'ACTIEF', registerversie: 3, vastgelegd: { door: 'JONGERE' } }, new Date('2025-10-20T09:00:00Z'));
    expect(await meldVerlopen(system.security!.consent, system.security!.register, { store: system.security!.audit, pseudonym: system.security!.pseudonym }, testClock)).toBeGreaterThanOrEqual(1);
    expect(await meldVerlopen(system.security!.consent, system.security!.register, { store: system.security!.audit, pseudonym: system.security!.pseudonym }, testClock)).toBe(0);
    const fg: Identity = { role: 'fg', org: 'GM0518', activity: 'toezicht-fg' };
    const log = await gqlAs(system, fg, 'query ($bsn: String!) { logboek(filter: { bsn: $bsn, soort: WIJZIGING }) { soort medewerker wijzigingen } }', { bsn: p.bsn });
    const wat = log.body.data.logboek.map((r: { wijzigingen: string[] }) => r.wijzigingen[0].split(' ')[2]).sort();
    expect(wat).toEqual(['bevestigd', 'ingetrokken', 'vastgelegd', 'verlopen']);
    expect(log.body.data.logboek.every((r: { soort: string }) => r.soort === 'WIJZIGING')).toBe(true);
    // The young person's own log says who recorded, confirmed and withdrew.
    const eigen = await gqlAs(system, zelf(p.bsn), '{ mijnLogboek(eerste: 50) { medewerker rol wijzigingen } }');
    const wijzigingen = eigen.body.data.mijnLogboek.filter((r: { wijzigingen: string[] }) => r.wijzigingen.length);
    expect(wijzigingen.map((r: { medewerker: string; wijzigingen: string[] }) => `${r.wijzigingen[0].split(' ')[2]} ${r.medewerker}`).sort())
      .toEqual(['bevestigd test-jongere', 'ingetrokken consulent-3', 'vastgelegd consulent-3', 'verlopen systeem']);
    // Exports and figures about nobody in particular are their own kinds, filterable on their own.
    const kinds = await gqlAs(system, fg, '{ export: logboek(filter: { soort: EXPORT }) { soort } figuren: logboek(filter: { soort: ZONDER_PERSOON }) { soort } }');
    expect(kinds.body.errors).toBeUndefined();
  });

  it('prices consent changes above reads in the rate limit, and shows a burst by one employee in the metrics', async () => {
    const p = zonderToestemming()[5];
    const snel: Identity = { ...loket, sub: 'consulent-burst' };
    for (let i = 0; i < 6; i++) await gqlAs(system, snel, GEEF, { invoer: invoer(p.bsn) });
    const metric = await system.metrics.registry.getSingleMetric('jf_consent_changes_max_per_employee_hour')!.get();
    expect(metric.values.find((v) => v.labels.organisatie === 'GM0518')!.value).toBeGreaterThanOrEqual(6);
    const sdl = checkedInSupergraph();
    const schema = buildASTSchema(parse(buildSupergraphApiSdl(sdl)), { assumeValidSDL: true });
    const doc = parse(GEEF);
    const lees = parse(`{ jongere(bsn: "${p.bsn}") { naam { voornamen } } }`);
    const punten = (d: ReturnType<typeof parse>) => ratePoints(schema, d, { invoer: invoer(p.bsn) }, leesVerklaringen(sdl), d.definitions[0] as never);
    expect(punten(doc)).toBeGreaterThanOrEqual(25);
    expect(punten(lees)).toBeLessThan(5);
  });
});

describe('who is involved (betrokkenen)', () => {
  const Q = 'query ($bsn: String!) { jongere(bsn: $bsn) { betrokkenen { rol organisatie naam sinds contact } } }';
  const waar = (p: SynthPersoon) => wareBetrokkenen(p, TEST_DAY, system.population.regions);
  const categories = categoryMap(checkedInSupergraph());
  const register = loadRegister();

  it('equals the ground truth of every domain for the young person themself, and the Wmo/Jeugd consultant sees exactly the lines of what the register grants', async () => {
    // 60 people of Den Haag, the involved ones first.
    const mensen = denHaag(() => true).sort((a, b) => waar(b).length - waar(a).length).slice(0, 60);
    let rollen = new Set<string>();
    const wmoActiviteit = huidigeVersie(register, 'wmo-jeugd-toegang', TEST_DAY)!;
    for (const p of mensen) {
      const eigen = await gqlAs(system, zelf(p.bsn), Q, { bsn: p.bsn });
      expect([p.bsn, eigen.body.errors]).toEqual([p.bsn, undefined]);
      const gezien = eigen.body.data.jongere.betrokkenen.map(regelSleutel).sort();
      expect([p.bsn, gezien]).toEqual([p.bsn, verwachteRegels(waar(p), () => true)]);
      rollen = new Set([...rollen, ...gezien.map((g: string) => g.split('|')[0])]);
      // The consultant: each line only where its source would be served, and every withheld source said once at the list.
      const r = await gqlAs(system, wmo, Q, { bsn: p.bsn });
      const magVeld = (veld: string) => mag(register, wmoActiviteit, veld, categories.of('Jongere', veld.split('.')[1])!, p, { rol: 'wmo-jeugdconsulent', organisatie: 'GM0518', bsn: null }, TEST_DAY, system.population.regions);
      expect([p.bsn, r.body.data.jongere.betrokkenen.map(regelSleutel).sort()]).toEqual([p.bsn, verwachteRegels(waar(p), magVeld)]);
      const geweigerd = [...new Set(Object.values(REGELBRON).map((b) => b.regel).filter((v) => !magVeld(v)).map((v) => categories.of('Jongere', v.split('.')[1])))].sort();
      expect([p.bsn, (r.body.errors ?? []).filter((e) => e.path?.length === 2).map((e) => e.extensions?.category).sort()]).toEqual([p.bsn, geweigerd]);
    }
    expect([...rollen].sort()).toEqual(['DOORSTROOMCOACH', 'LEERPLICHTAMBTENAAR', 'NAZORG', 'SCHOOL', 'WERKCOACH', 'ZORGAANBIEDER']);
    // The Jongerenloket with consent (the generator's seed, no care details): care only as "a care provider is involved".
    const metZorg = mensen.find((p) => heeftToestemming(p, 'jongerenloket-intake') && waar(p).some((b) => b.rol === 'ZORGAANBIEDER'))!;
    const r = await gqlAs(system, loket, Q, { bsn: metZorg.bsn });
    expect(r.body.data.jongere.betrokkenen.find((b: { rol: string }) => b.rol === 'ZORGAANBIEDER')).toEqual({ rol: 'ZORGAANBIEDER', organisatie: null, naam: null, sinds: null, contact: null });
    const i = r.body.data.jongere.betrokkenen.findIndex((b: { rol: string }) => b.rol === 'ZORGAANBIEDER');
    expect((r.body.errors ?? []).filter((e) => e.path?.[2] === i).map((e) => [e.path?.[3], e.extensions?.code, e.extensions?.category]).sort())
      .toEqual([['contact', 'NO_LEGAL_BASIS', 'zorg.detail'], ['organisatie', 'NO_LEGAL_BASIS', 'zorg.detail'], ['sinds', 'NO_LEGAL_BASIS', 'zorg.detail']]);
  });

  it('is withheld without consent, and a failing domain costs only its own part', async () => {
    // Further down the list than the people the consent tests above gave consent.
    const zonder = denHaag((p) => !heeftToestemming(p, 'jongerenloket-intake')).at(-1)!;
    const r = await gqlAs(system, loket, Q, { bsn: zonder.bsn });
    expect(r.body.data.jongere.betrokkenen).toBeNull();
    // One refusal, at the public field: the domains' internal parts never show in an error path.
    expect((r.body.errors ?? []).map((e) => [e.path, e.extensions?.code])).toEqual([[['jongere', 'betrokkenen'], 'NO_CONSENT']]);
    const p = denHaag((x) => waar(x).some((b) => b.rol === 'ZORGAANBIEDER') && waar(x).length > 1)[0];
    system.simulators.zorg.faults = { latencyMs: 0, mode: 'error' };
    const kapot = await gqlAs(system, zelf(p.bsn), Q, { bsn: p.bsn });
    expect(kapot.body.data.jongere.betrokkenen.map(regelSleutel).sort()).toEqual(verwachteRegels(waar(p).filter((b) => b.rol !== 'ZORGAANBIEDER'), () => true));
    expect((kapot.body.errors ?? []).map((e) => e.extensions?.code)).toContain('SOURCE_UNAVAILABLE');
    expect([...new Set((kapot.body.errors ?? []).map((e) => JSON.stringify(e.path)))]).toEqual([JSON.stringify(['jongere', 'betrokkenen'])]);
  });
});
