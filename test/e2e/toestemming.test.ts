import { ageOn } from '../../lib/dates';
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
    const zonder = denHaag((p) => !heeftToestemming(p, 'jongerenloket-intake'))[0];
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
