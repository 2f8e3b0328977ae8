import { demoRegions } from '../lib/domain/regions';
import { beslisRegels } from './afleiding';
import { caseloadBereik, contactgemeenteBereik, eigenRegioBereik, oudStudentBereik, oudStudentenBereik, persoonBereik, toezichtBereik, zelfBereik } from './bereik';
import type { Afleiding } from './declaraties';
import type { Besluit, Verwerkingsactiviteit } from './types';

/** The scope rules and the line-by-line decision of the policy core, on their own: register data in, decisions out. */
const regions = demoRegions();
const TODAY = '2026-11-01';
const activiteit = (voorwaarden: Verwerkingsactiviteit['voorwaarden']): Verwerkingsactiviteit => ({
  id: 'test', versie: 1, geldigVanaf: '2026-01-01', verwerkingsverantwoordelijke: '-', naam: '-', doel: '-', grondslag: { wet: '-', artikel: '-', avg6: 'e' },
  rollen: ['r'], categorieen: [], metToestemming: [], uitgezonderd: [], afgeleid: [], voorwaarden, bewaartermijn: 'P1Y', uri: 'urn:test',
});
const coach = activiteit({ leeftijd: { van: 16, tot: 27 }, regio: 'doorstroompuntregio' });
const school = activiteit({ eigenStudenten: true, nazorgMaanden: 12 });
const zelf = activiteit({ alleenEigenGegevens: true });
const monitor = activiteit({ eigenRegios: true });
const denHaag = { organisatie: 'GM0518', bsn: null };

describe('scope rules of entry points', () => {
  it('PERSOON: decides on the BRP facts; an unknown BSN answers exactly as one out of scope; a school-scoped activity never enters here', () => {
    expect(persoonBereik(coach, '999995145', { gemeente: 'GM0518', geboortedatum: '2007-07-26' }, denHaag, TODAY, regions).uitkomst).toBe('TOEGESTAAN');
    expect(persoonBereik(coach, '999995145', { gemeente: 'GM0114', geboortedatum: '2007-07-26' }, denHaag, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(persoonBereik(coach, '999995145', { gemeente: 'GM0518', geboortedatum: '1999-07-26' }, denHaag, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(persoonBereik(coach, '123456782', null, denHaag, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(persoonBereik(school, '999995145', { gemeente: 'GM0518', geboortedatum: '2007-07-26' }, { organisatie: '91AA', bsn: null }, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('OUD_STUDENT: only the school\'s own graduate within the window, only under a school-scoped activity', () => {
    const wie = { organisatie: '91AA', bsn: null };
    expect(oudStudentBereik(school, '1', [{ brin: '91AA', ingeschreven: false, diplomadatum: '2026-07-01' }], wie, TODAY, regions).uitkomst).toBe('TOEGESTAAN');
    expect(oudStudentBereik(school, '1', [{ brin: '91AA', ingeschreven: false, diplomadatum: '2025-07-01' }], wie, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(oudStudentBereik(school, '1', [{ brin: '91AB', ingeschreven: false, diplomadatum: '2026-07-01' }], wie, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
    expect(oudStudentBereik(coach, '1', [{ brin: '91AA', ingeschreven: false, diplomadatum: '2026-07-01' }], wie, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
    // pro/vso: leaving the school opens the window, and the per-person root keeps that condition.
    const vo = { ...school, voorwaarden: { ...school.voorwaarden, nazorgMaanden: 24, nazorgVanaf: 'uitschrijving' as const } };
    expect(oudStudentBereik(vo, '1', [{ brin: '91AA', ingeschreven: false, diplomadatum: null, uitschrijfdatum: '2025-07-01' }], wie, TODAY, regions).uitkomst).toBe('TOEGESTAAN');
    expect(oudStudentBereik(vo, '1', [{ brin: '91AA', ingeschreven: false, diplomadatum: '2026-07-01', uitschrijfdatum: '2024-01-01' }], wie, TODAY, regions).uitkomst).toBe('BUITEN_BEREIK');
  });

  it('CASELOAD: only region-scoped activities, narrowed to the employee\'s region and the activity\'s ages', () => {
    const r = caseloadBereik(coach, denHaag, regions);
    expect(r.besluit.uitkomst).toBe('TOEGESTAAN');
    expect([...r.scope!.gemeenten].sort()).toEqual([...regions.get('DP-HAAGLANDEN')!.gemeenten].sort());
    expect(r.scope!.leeftijd).toEqual({ van: 16, tot: 27 });
    for (const a of [school, zelf, monitor]) expect(caseloadBereik(a, denHaag, regions).besluit.uitkomst).toBe('BUITEN_BEREIK');
  });

  it('OUD_STUDENTEN, ZELF, TOEZICHT: the school and window; the young person\'s own BSN; the organisation unless the person lives there', () => {
    expect(oudStudentenBereik(school, { organisatie: '91AA', bsn: null }).scope).toEqual({ brin: '91AA', maanden: 12, vanaf: 'diploma' });
    expect(oudStudentenBereik(coach, denHaag).besluit.uitkomst).toBe('BUITEN_BEREIK');
    expect(zelfBereik(zelf, { organisatie: null, bsn: '999995145' }).scope).toEqual({ bsn: '999995145' });
    expect(zelfBereik(coach, denHaag).besluit.uitkomst).toBe('BUITEN_BEREIK');
    expect(toezichtBereik(denHaag, undefined).scope).toEqual({ organisatie: 'GM0518' });
    expect(toezichtBereik(denHaag, 'GM0518').scope).toEqual({ organisatie: null });
    expect(toezichtBereik(denHaag, 'GM0114').scope).toEqual({ organisatie: 'GM0518' });
  });

  it('EIGEN_REGIO and CONTACTGEMEENTE: the regions of the employee\'s own municipality; the region\'s contactgemeente only', () => {
    // Den Haag's own: itself, Haaglanden (DP and AM21), Zuid-Holland (PV28) and the country.
    for (const code of ['GM0518', 'DP-HAAGLANDEN', 'AM21', 'PV28', 'NL']) expect([code, eigenRegioBereik(monitor, denHaag, code, regions).uitkomst]).toEqual([code, 'TOEGESTAAN']);
    for (const code of ['GM0114', 'DP-ZUIDOOST-DRENTHE', 'AM34', 'PV22']) expect([code, eigenRegioBereik(monitor, denHaag, code, regions).uitkomst]).toEqual([code, 'BUITEN_BEREIK']);
    expect(eigenRegioBereik(coach, denHaag, 'GM0114', regions).uitkomst).toBe('TOEGESTAAN'); // no eigenRegios condition
    expect(contactgemeenteBereik(denHaag, { code: 'DP-HAAGLANDEN', contactgemeente: 'GM0518' }).uitkomst).toBe('TOEGESTAAN');
    expect(contactgemeenteBereik({ organisatie: 'GM0603', bsn: null }, { code: 'DP-HAAGLANDEN', contactgemeente: 'GM0518' }).uitkomst).toBe('BUITEN_BEREIK');
  });
});

describe('a derived list decided line by line', () => {
  const afleiding: Afleiding = {
    wijze: 'PER_REGEL', soortVeld: 'rol', aanvullend: [],
    bronnen: [{ veld: 'J.coach', categorie: 'doorstroom.dossier' }, { veld: 'J.zorg', categorie: 'zorg.indicatie' }, { veld: 'J.zorgdetail', categorie: 'zorg.detail' }],
    regels: [{ soort: 'COACH', attribuut: null, bron: 'J.coach' }, { soort: 'ZORG', attribuut: null, bron: 'J.zorg' }, { soort: 'ZORG', attribuut: 'organisatie', bron: 'J.zorgdetail' }],
  };
  const lijnen = [{ rol: 'COACH', organisatie: 'DP' }, { rol: 'ZORG', organisatie: 'Aanbieder A' }, { rol: 'ZORG', organisatie: 'Aanbieder B' }, { rol: 'ONBEKEND', organisatie: 'x' }];
  const besluit = (toegestaan: string[]) => ({ categorie }: { categorie: string }): Besluit => (toegestaan.includes(categorie) ? { uitkomst: 'TOEGESTAAN' } : { uitkomst: 'GEEN_GRONDSLAG', categorie, reden: '-' });

  it('leaves out a line whose source is refused, and says so whether or not such a line exists', () => {
    const u = beslisRegels(lijnen, afleiding, besluit(['doorstroom.dossier']));
    expect(u.lijnen).toEqual([{ rol: 'COACH', organisatie: 'DP' }]);
    expect(u.geweigerd.map((g) => g.bron.categorie)).toEqual(['zorg.indicatie']);
    expect(beslisRegels([], afleiding, besluit(['doorstroom.dossier'])).geweigerd.map((g) => g.bron.categorie)).toEqual(['zorg.indicatie']);
  });

  it('empties an attribute whose own source is refused, and merges the lines that became alike (their number would tell)', () => {
    const u = beslisRegels(lijnen, afleiding, besluit(['doorstroom.dossier', 'zorg.indicatie']));
    expect(u.lijnen).toEqual([{ rol: 'COACH', organisatie: 'DP' }, { rol: 'ZORG', organisatie: null }]);
    expect(u.attributen).toEqual([{ index: 1, attribuut: 'organisatie', bron: afleiding.bronnen[2], besluit: expect.objectContaining({ uitkomst: 'GEEN_GRONDSLAG' }) }]);
    expect([...u.verstrekt].sort()).toEqual(['doorstroom.dossier', 'zorg.indicatie']);
  });

  it('serves every line and attribute, and never a kind it does not know, when everything is granted', () => {
    const u = beslisRegels(lijnen, afleiding, besluit(['doorstroom.dossier', 'zorg.indicatie', 'zorg.detail']));
    expect(u.lijnen.map((l) => l.organisatie)).toEqual(['DP', 'Aanbieder A', 'Aanbieder B']);
    expect(u.geweigerd).toEqual([]);
  });
});
