import { addMonths, ageOn } from '../../lib/dates';
import { heeftToestemming } from '../../population/consent';
import { SHOWCASE_BSN } from '../../population/generator';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { zoalsGeleverd } from '../support/duo';
import { gqlAs, startTestSystem, testClock, TEST_DAY, zelf, type Identity } from '../support/system';

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
const GEEF = `mutation ($invoer: ToestemmingInvoer!) { geefToestemming(invoer: $invoer) { id actief categorieen gegevenDoor { door medewerker organisatie activiteit } } }`;
const invoer = (bsn: string, extra: Record<string, unknown> = {}) => ({ bsn, activiteit: 'jongerenloket-intake', categorieen: ['betrokkenen'],
  ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, doel: 'intake', geldigTot: '2027-05-01', ...extra });
const denHaag = (pred: (p: SynthPersoon) => boolean) => [...system.population.persons()].filter((p) => p.gemeenteCode === 'GM0518' && !p.overlijdensdatum
  && ageOn(p.geboortedatum, testClock()) >= 16 && ageOn(p.geboortedatum, testClock()) < 27 && pred(p));

describe('consent through the graph', () => {
  it('lets the young person give consent themself (recorded as theirs) and see it in their history', async () => {
    const r = await gqlAs(system, zelf(SHOWCASE_BSN), GEEF, { invoer: invoer(SHOWCASE_BSN, { ontvanger: { soort: 'ROL', waarde: 'jongerenloket' } }) });
    expect(r.body.data.geefToestemming).toMatchObject({ actief: true, categorieen: ['betrokkenen'], gegevenDoor: { door: 'JONGERE', medewerker: null, activiteit: 'inzage-betrokkene@3' } });
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
    expect(await code(loket, { activiteit: 'geen-activiteit' })).toBe('UNKNOWN_ACTIVITY');
    expect(await code(loket, { categorieen: ['zorg.detail'] })).toBe('BAD_USER_INPUT');
    expect(await code(loket, { geldigTot: '2020-01-01' })).toBe('BAD_USER_INPUT');
    expect(await code(loket, { bsn: '123456789' })).toBe('BAD_USER_INPUT'); // elfproef
    expect(await code(wmo, {})).toBe('NO_LEGAL_BASIS');
  });
});

/** Who is involved with a person, as the domains' ground truth says (education as DUO delivered it). */
function verwachteBetrokkenen(volledig: SynthPersoon, zorgDetail: boolean): string[] {
  const p = zoalsGeleverd(volledig, TEST_DAY);
  const uit: string[] = [];
  const huidig = volledig.leerplicht.trajecten.at(-1);
  if (huidig && huidig.status !== 'AFGESLOTEN') uit.push(`DOORSTROOMCOACH ${huidig.coach.naam} ${huidig.startdatum}`);
  const open = volledig.leerplicht.verzuimmeldingen.filter((m) => m.status === 'OPEN').map((m) => m.datum).sort();
  if (open.length) uit.push(`LEERPLICHTAMBTENAAR null ${open[0]}`);
  for (const t of volledig.participatie.trajecten) if (t.einddatum === null) uit.push(`WERKCOACH ${t.werkcoach.naam} ${t.startdatum}`);
  const scholen = new Set<string>();
  for (const i of p.onderwijs.inschrijvingen) if (i.einddatum === null) { uit.push(`SCHOOL ${i.instelling.naam} ${i.begindatum}`); scholen.add(i.instelling.brin); }
  for (const d of p.onderwijs.diplomas) {
    if (d.onderwijssoort === 'MBO' && d.datum <= TEST_DAY && d.datum >= addMonths(TEST_DAY, -12) && !scholen.has(d.instelling.brin)) uit.push(`NAZORG ${d.instelling.naam} ${d.datum}`);
  }
  const lopend = volledig.zorg.toewijzingen.filter((t) => !(t.wet === 'JEUGDWET' && ['47', '48'].includes(t.productcategorie.code))
    && t.startZorg && !t.stopZorg && t.begindatum <= TEST_DAY && (!t.einddatum || t.einddatum >= TEST_DAY));
  if (lopend.length && !zorgDetail) uit.push('ZORGAANBIEDER null null');
  if (zorgDetail) for (const t of new Map(lopend.map((x) => [x.aanbieder.agb, x])).values()) uit.push(`ZORGAANBIEDER ${t.aanbieder.naam} ${t.begindatum}`);
  return uit.sort();
}

describe('who is involved (betrokkenen)', () => {
  const Q = 'query ($bsn: String!) { jongere(bsn: $bsn) { betrokkenen { rol organisatie naam sinds contact } } }';
  const kort = (b: { rol: string; organisatie: string | null; naam: string | null; sinds: string | null }) =>
    `${b.rol} ${['DOORSTROOMCOACH', 'WERKCOACH', 'LEERPLICHTAMBTENAAR'].includes(b.rol) ? b.naam : b.organisatie} ${b.sinds}`;

  it('equals the ground truth of every domain, with care providers named only where care details are granted', async () => {
    // Wmo/Jeugd access: betrokkenen and zorg.detail granted. 60 people of Den Haag, the involved ones first.
    const mensen = denHaag(() => true).sort((a, b) => verwachteBetrokkenen(b, true).length - verwachteBetrokkenen(a, true).length).slice(0, 60);
    let rollen = new Set<string>();
    for (const p of mensen) {
      const r = await gqlAs(system, wmo, Q, { bsn: p.bsn });
      expect([p.bsn, r.body.errors]).toEqual([p.bsn, undefined]);
      const gezien = r.body.data.jongere.betrokkenen.map(kort).sort();
      expect([p.bsn, gezien]).toEqual([p.bsn, verwachteBetrokkenen(p, true)]);
      rollen = new Set([...rollen, ...gezien.map((g: string) => g.split(' ')[0])]);
    }
    expect([...rollen].sort()).toEqual(['DOORSTROOMCOACH', 'LEERPLICHTAMBTENAAR', 'NAZORG', 'SCHOOL', 'WERKCOACH', 'ZORGAANBIEDER']);
    // The Jongerenloket with consent (the generator's seed): care only as "a care provider is involved".
    const metZorg = mensen.find((p) => heeftToestemming(p, 'jongerenloket-intake') && verwachteBetrokkenen(p, true).some((b) => b.startsWith('ZORGAANBIEDER')))!;
    const r = await gqlAs(system, loket, Q, { bsn: metZorg.bsn });
    expect(r.body.data.jongere.betrokkenen.map(kort).sort()).toEqual(verwachteBetrokkenen(metZorg, false));
    expect(r.body.data.jongere.betrokkenen.find((b: { rol: string }) => b.rol === 'ZORGAANBIEDER')).toEqual({ rol: 'ZORGAANBIEDER', organisatie: null, naam: null, sinds: null, contact: expect.any(String) });
  });

  it('is withheld without consent, and a failing domain costs only its own part', async () => {
    const zonder = denHaag((p) => !heeftToestemming(p, 'jongerenloket-intake'))[0];
    const r = await gqlAs(system, loket, Q, { bsn: zonder.bsn });
    expect(r.body.data.jongere.betrokkenen).toBeNull();
    expect((r.body.errors ?? []).map((e) => e.extensions?.code)).toContain('NO_CONSENT');
    // One refusal, at the public field: the domains' internal parts never show in an error path.
    expect((r.body.errors ?? []).map((e) => [e.path, e.extensions?.code])).toEqual([[['jongere', 'betrokkenen'], 'NO_CONSENT']]);
    const p = denHaag((x) => verwachteBetrokkenen(x, true).some((b) => b.startsWith('ZORGAANBIEDER')) && verwachteBetrokkenen(x, true).length > 1)[0];
    system.simulators.zorg.faults = { latencyMs: 0, mode: 'error' };
    const kapot = await gqlAs(system, wmo, Q, { bsn: p.bsn });
    expect(kapot.body.data.jongere.betrokkenen.map(kort).sort()).toEqual(verwachteBetrokkenen(p, true).filter((b) => !b.startsWith('ZORGAANBIEDER')));
    expect((kapot.body.errors ?? []).map((e) => e.extensions?.code)).toContain('SOURCE_UNAVAILABLE');
    expect((kapot.body.errors ?? []).map((e) => e.path)).toEqual([['jongere', 'betrokkenen']]);
  });
});
