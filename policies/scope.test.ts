import fc from 'fast-check';
import { demoRegions } from '../lib/domain/regions';
import { huidigeVersie, loadRegister } from './register';
import { beoordeelBereik, beoordeelUitsluiting, scopeGemeenten } from './scope';

const register = loadRegister();
const today = '2026-11-01';
/** The version in force on `today`. */
const act = (id: string) => huidigeVersie(register, id, today)!;
const regions = demoRegions();
const persoon = { bsn: '999995145', gemeente: 'GM0114', geboortedatum: '2006-05-01', onderwijs: [] };

describe('scope decisions', () => {
  it('lets a Doorstroompunt coach see people in the whole Doorstroompunt region of their municipality', () => {
    expect(beoordeelBereik(act('doorstroompunt-begeleiding'), persoon, { organisatie: 'GM0109', bsn: null }, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(act('doorstroompunt-begeleiding'), persoon, { organisatie: 'GM0518', bsn: null }, today, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('keeps a werkcoach to their own municipality', () => {
    expect(beoordeelBereik(act('reintegratie-participatiewet'), persoon, { organisatie: 'GM0114', bsn: null }, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(act('reintegratie-participatiewet'), persoon, { organisatie: 'GM0109', bsn: null }, today, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('gives the leerplichtambtenaar nobody aged 18 or over', () => {
    const wie = { organisatie: 'GM0114', bsn: null };
    expect(beoordeelBereik(act('leerplicht-handhaving'), { ...persoon, geboortedatum: '2009-01-01' }, wie, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(act('leerplicht-handhaving'), { ...persoon, geboortedatum: '2008-11-01' }, wie, today, regions)).toEqual({ uitkomst: 'BUITEN_BEREIK', reden: 'age outside 5 to under 18' });
  });

  it('reads "tot 27" as the law does: 26 is in, 27 is out (version 2); version 1 keeps its inclusive meaning', () => {
    const wie = { organisatie: 'GM0114', bsn: null };
    const geboren = (d: string) => ({ ...persoon, geboortedatum: d });
    const v2 = act('doorstroompunt-begeleiding');
    expect(v2.versie).toBeGreaterThanOrEqual(2); // every version since 2 reads "tot 27" this way
    expect(beoordeelBereik(v2, geboren('2000-11-02'), wie, today, regions).uitkomst).toBe('TOEGESTAAN'); // 26, a day before 27
    expect(beoordeelBereik(v2, geboren('1999-11-01'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK'); // 27 today
    const v1 = register.activiteiten.find((a) => a.id === 'doorstroompunt-begeleiding' && a.versie === 1)!;
    expect(beoordeelBereik(v1, geboren('1999-11-01'), wie, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(v1, geboren('1998-11-01'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('applies the Participatiewet art. 7 lid 3 onder a exclusion per category: under 27 and enrolled, only what establishes it', () => {
    const a = act('reintegratie-participatiewet');
    const met = (geboortedatum: string, ingeschreven: boolean | null) =>
      ({ ...persoon, geboortedatum, onderwijs: ingeschreven === null ? null : [{ brin: '91AA', ingeschreven, diplomadatum: null }] });
    expect(beoordeelUitsluiting(a, met('2006-05-01', true), 'participatie.uitkering', today)).toEqual({ uitkomst: 'BUITEN_BEREIK', reden: expect.stringMatching(/Participatiewet art\. 7 lid 3 onder a/) });
    for (const c of ['identificatie', 'woonadres', 'onderwijs.inschrijving', 'onderwijs.resultaat']) expect(beoordeelUitsluiting(a, met('2006-05-01', true), c, today).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelUitsluiting(a, met('2006-05-01', false), 'participatie.uitkering', today).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelUitsluiting(a, met('1999-10-31', true), 'participatie.uitkering', today).uitkomst).toBe('TOEGESTAAN'); // 27: the exclusion ends
    expect(beoordeelUitsluiting(a, met('2006-05-01', null), 'participatie.uitkering', today).uitkomst).toBe('ONVERIFIEERBAAR');
    expect(beoordeelUitsluiting(act('doorstroompunt-begeleiding'), met('2006-05-01', true), 'participatie.uitkering', today).uitkomst).toBe('TOEGESTAAN');
  });

  it('gives the loopbaanbegeleider only own graduates within the nazorg year', () => {
    const a = act('mbo-nazorg');
    const wie = { organisatie: '91AB', bsn: null };
    const met = (brin: string, diplomadatum: string | null) => ({ ...persoon, onderwijs: [{ brin, ingeschreven: false, diplomadatum }] });
    expect(beoordeelBereik(a, met('91AB', '2026-07-10'), wie, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(a, met('91AB', '2025-07-10'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(beoordeelBereik(a, met('91AA', '2026-07-10'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(beoordeelBereik(a, { ...persoon, onderwijs: null }, wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('gives the nazorgbegeleider of a pro or vso school the pupils who left it in the last two years, with or without a diploma', () => {
    const a = { ...act('mbo-nazorg'), voorwaarden: { eigenStudenten: true, nazorgMaanden: 24, nazorgVanaf: 'uitschrijving' as const } };
    const wie = { organisatie: '90BA', bsn: null };
    const met = (brin: string, uitschrijfdatum: string | null, diplomadatum: string | null = null) =>
      ({ ...persoon, onderwijs: [{ brin, ingeschreven: uitschrijfdatum === null, diplomadatum, uitschrijfdatum }] });
    expect(beoordeelBereik(a, met('90BA', '2025-07-15'), wie, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(a, met('90BA', '2024-01-15'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(beoordeelBereik(a, met('90BA', null), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK'); // still a pupil: not nazorg
    expect(beoordeelBereik(a, met('90BB', '2025-07-15'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
    // A diploma alone does not open this window; leaving does.
    expect(beoordeelBereik(a, met('90BA', '2023-07-15', '2026-07-01'), wie, today, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('shows the young person only their own data', () => {
    const a = act('inzage-betrokkene');
    expect(beoordeelBereik(a, persoon, { organisatie: null, bsn: '999995145' }, today, regions).uitkomst).toBe('TOEGESTAAN');
    expect(beoordeelBereik(a, persoon, { organisatie: null, bsn: '999992077' }, today, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('never admits a person whose municipality is outside the employee\'s region, whatever the activity', () => {
    const gemeenten = regions.gemeenten().map((g) => g.code);
    fc.assert(fc.property(fc.constantFrom(...gemeenten), fc.constantFrom(...gemeenten), fc.constantFrom('gemeente', 'arbeidsmarktregio', 'doorstroompuntregio') as fc.Arbitrary<'gemeente'>,
      (org, woont, scope) => {
        const a = { ...act('jongerenloket-intake'), voorwaarden: { regio: scope } };
        const besluit = beoordeelBereik(a, { ...persoon, gemeente: woont }, { organisatie: org, bsn: null }, today, regions);
        expect(besluit.uitkomst === 'TOEGESTAAN').toBe(scopeGemeenten(scope, org, regions).has(woont));
        if (scope === 'gemeente') expect(besluit.uitkomst === 'TOEGESTAAN').toBe(org === woont);
      }));
  });
});
