import fc from 'fast-check';
import { demoRegions } from '../lib/regions';
import { loadRegister } from './register';
import { beoordeelBereik, scopeGemeenten } from './scope';

const register = loadRegister();
const act = (id: string) => register.activiteiten.find((a) => a.id === id)!;
const regions = demoRegions();
const persoon = { bsn: '999993653', gemeente: 'GM0114', geboortedatum: '2006-05-01', onderwijs: [] };
const today = '2026-11-01';

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
    expect(beoordeelBereik(act('leerplicht-handhaving'), { ...persoon, geboortedatum: '2008-11-01' }, wie, today, regions)).toEqual({ uitkomst: 'BUITEN_BEREIK', reden: 'age outside 5-17' });
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

  it('shows the young person only their own data', () => {
    const a = act('inzage-betrokkene');
    expect(beoordeelBereik(a, persoon, { organisatie: null, bsn: '999993653' }, today, regions).uitkomst).toBe('TOEGESTAAN');
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
