import { addMonths } from '../../lib/domain/dates';
import { PRO_SCHOLEN, VSO_SCHOLEN } from '../../population/catalog';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { geleverdOnderwijs } from '../support/duo';
import { gqlAs, startTestSystem, TEST_DAY, type Identity } from '../support/system';

/**
 * Nazorg by schools for praktijkonderwijs and vso (pro-vso-nazorg, in force from 2026-12-01): the
 * school's pupils who left it in the last 24 months, with or without a diploma, those who left for
 * no programme first. Expectations come from the generator's ground truth as DUO delivered it
 * (test/support/duo.ts); the system's day is 2026-12-07, the population's 2026-11-01.
 */
const DAG = '2026-12-07';
const PRO = PRO_SCHOLEN[0].brin;
const VSO = VSO_SCHOLEN[0].brin;
const begeleider = (brin: string, activity = 'pro-vso-nazorg'): Identity => ({ role: 'nazorgbegeleider', org: brin, activity });

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ clock: () => new Date(`${DAG}T12:00:00Z`) }); }, 180_000);
afterAll(() => system?.stop());

interface Verwacht { bsn: string; uitgeschrevenOp: string; voorrang: boolean }
/** The pupils who left `brin` in the window, in the list's order (ground truth). */
function oudLeerlingen(brin: string): Verwacht[] {
  const vanaf = addMonths(DAG, -24);
  const lijst: Verwacht[] = [];
  for (const p of system.population.persons()) {
    const o = geleverdOnderwijs(p, TEST_DAY);
    const verlaten = o.inschrijvingen.filter((i) => i.instelling.brin === brin && i.einddatum !== null && i.einddatum >= vanaf && i.einddatum <= DAG).at(-1);
    if (!verlaten) continue;
    lijst.push({ bsn: p.bsn, uitgeschrevenOp: verlaten.einddatum!, voorrang: !o.inschrijvingen.some((i) => i.einddatum === null || i.einddatum > DAG) });
  }
  return lijst.sort((a, b) => Number(b.voorrang) - Number(a.voorrang) || a.uitgeschrevenOp.localeCompare(b.uitgeschrevenOp) || a.bsn.localeCompare(b.bsn));
}

const LIJST = `query ($na: String) { oudStudenten(eerste: 7, na: $na) { totaal volgendeCursor oudStudenten { voorrang uitgeschrevenOp diploma { niveau } jongere { bsn } } } }`;

async function heleLijst(who: Identity): Promise<{ totaal: number; items: { bsn: string; uitgeschrevenOp: string; voorrang: boolean; diploma: unknown }[] }> {
  const items = [];
  let na: string | null = null;
  let totaal = 0;
  do {
    const { body } = await gqlAs(system, who, LIJST, { na });
    expect(body.errors).toBeUndefined();
    totaal = body.data.oudStudenten.totaal;
    items.push(...body.data.oudStudenten.oudStudenten.map((o: any) => ({ bsn: o.jongere.bsn, uitgeschrevenOp: o.uitgeschrevenOp, voorrang: o.voorrang, diploma: o.diploma })));
    na = body.data.oudStudenten.volgendeCursor;
  } while (na);
  return { totaal, items };
}

describe('the former-pupil list of a pro and of a vso school', () => {
  it.each([['praktijkonderwijs', PRO], ['vso', VSO]])('%s school %s: exactly the pupils who left it in the last 24 months, those without a programme first', async (_soort, brin) => {
    const verwacht = oudLeerlingen(brin);
    expect(verwacht.length).toBeGreaterThan(2);
    const { totaal, items } = await heleLijst(begeleider(brin));
    expect(totaal).toBe(verwacht.length);
    expect(items.map(({ bsn, uitgeschrevenOp, voorrang }) => ({ bsn, uitgeschrevenOp, voorrang }))).toEqual(verwacht);
  });

  it('gives a praktijkonderwijs leaver no diploma, and a vso leaver the one of the enrolment left, if any (ground truth)', async () => {
    const { items } = await heleLijst(begeleider(PRO));
    expect(items.every((i) => i.diploma === null)).toBe(true);
    const vso = await heleLijst(begeleider(VSO));
    for (const i of vso.items) {
      const p = system.population.byBsn(i.bsn)!;
      const inschrijving = p.onderwijs.inschrijvingen.find((x) => x.instelling.brin === VSO && x.einddatum === i.uitgeschrevenOp)!;
      const diploma = p.onderwijs.diplomas.find((d) => d.inschrijvingId === inschrijving.id);
      expect([i.bsn, i.diploma]).toEqual([i.bsn, diploma ? { niveau: 'vso' } : null]);
    }
  });
});

describe('as an attacker with a valid token', () => {
  const leaverOf = (brin: string): SynthPersoon => system.population.byBsn(oudLeerlingen(brin)[0].bsn)!;

  it('cannot use pro-vso-nazorg as an mbo loopbaanbegeleider, nor mbo-nazorg as a pro/vso nazorgbegeleider (403)', async () => {
    const mbo = await gqlAs(system, { role: 'loopbaanbegeleider', org: '91AA', activity: 'pro-vso-nazorg' }, LIJST);
    const vo = await gqlAs(system, begeleider(PRO, 'mbo-nazorg'), LIJST);
    expect([mbo.status, mbo.body.errors?.[0]?.extensions?.code, vo.status, vo.body.errors?.[0]?.extensions?.code]).toEqual([403, 'ACTIVITY_NOT_ALLOWED', 403, 'ACTIVITY_NOT_ALLOWED']);
  });

  it('gets another school\'s leaver, a current pupil and a stranger as null with OUT_OF_SCOPE, its own leaver as asked', async () => {
    const eigen = leaverOf(PRO);
    const ander = leaverOf(PRO_SCHOLEN[1].brin);
    const leerling = [...system.population.persons()].find((p) => geleverdOnderwijs(p, TEST_DAY).inschrijvingen.some((i) => i.instelling.brin === PRO && i.einddatum === null))!;
    const vreemde = [...system.population.persons()].find((p) => !p.onderwijs.inschrijvingen.some((i) => i.instelling.brin === PRO))!;
    for (const [p, mag] of [[eigen, true], [ander, false], [leerling, false], [vreemde, false]] as const) {
      const { body } = await gqlAs(system, begeleider(PRO), 'query ($bsn: String!) { oudStudent(bsn: $bsn) { bsn } }', { bsn: p.bsn });
      expect([p.bsn, body.data?.oudStudent?.bsn ?? null, body.errors?.[0]?.extensions?.code]).toEqual(mag ? [p.bsn, p.bsn, undefined] : [p.bsn, null, 'OUT_OF_SCOPE']);
    }
  });

  it('never gets what the activity does not grant: nationality, care, or (without consent) whether the leaver works', async () => {
    const p = leaverOf(PRO);
    const { body } = await gqlAs(system, begeleider(PRO), 'query ($bsn: String!) { oudStudent(bsn: $bsn) { bsn nationaliteiten zorgtoewijzingen { toewijzingsnummer } heeftWerk } }', { bsn: p.bsn });
    expect(body.data.oudStudent.bsn).toBe(p.bsn);
    expect([body.data.oudStudent.nationaliteiten ?? null, body.data.oudStudent.zorgtoewijzingen ?? null, body.data.oudStudent.heeftWerk ?? null]).toEqual([null, null, null]);
    const codes = Object.fromEntries((body.errors ?? []).map((e: any) => [e.path.join('.'), e.extensions.code]));
    expect(codes).toEqual({ 'oudStudent.nationaliteiten': 'NO_LEGAL_BASIS', 'oudStudent.zorgtoewijzingen': 'NO_LEGAL_BASIS', 'oudStudent.heeftWerk': 'NO_CONSENT' });
  });

  it('records a nazorg contact for its own leaver only; another school does not see it', async () => {
    const eigen = leaverOf(PRO);
    const ander = leaverOf(VSO);
    const registreer = (bsn: string) => gqlAs(system, begeleider(PRO), 'mutation ($bsn: String!) { r: registreerNazorgcontact(invoer: { bsn: $bsn, datum: "2026-12-01", soort: GESPREK, uitkomst: WERKT }) { id instelling } }', { bsn });
    const ok = await registreer(eigen.bsn);
    expect(ok.body.data.r.instelling).toBe(PRO);
    const nee = await registreer(ander.bsn);
    expect([nee.body.data?.r ?? null, nee.body.errors?.[0]?.extensions?.code]).toEqual([null, 'OUT_OF_SCOPE']);
    const zelf = await gqlAs(system, begeleider(PRO), 'query ($bsn: String!) { oudStudent(bsn: $bsn) { nazorgcontacten { instelling uitkomst } } }', { bsn: eigen.bsn });
    expect(zelf.body.data.oudStudent.nazorgcontacten).toEqual([{ instelling: PRO, uitkomst: 'WERKT' }]);
  });
});
