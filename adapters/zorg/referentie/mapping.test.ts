import { mapToewijzing } from './mapping';

const base = {
  toewijzingsnummer: 'T1', wet: 'JEUGDWET' as const,
  productcategorie: { codelijst: 'JZ020' as const, code: '45', omschrijving: 'Jeugdhulp ambulant' },
  aanbieder: { agbCode: '98000001', naam: 'Aanbieder' }, toewijzingsdatum: '2026-01-01', begindatum: '2026-01-15', einddatum: '2026-12-31',
  productcode: '45J03', omvang: { volume: 3, eenheid: { code: '04', omschrijving: 'Uur' }, frequentie: { code: '2', omschrijving: 'Per week' } },
  redenWijziging: null, juridischeStatus: null,
};

describe('zorg mapping', () => {
  it('takes the start and stop of care from the JW305 and JW307 messages', () => {
    const t = mapToewijzing({ ...base, berichten: [
      { berichtcode: 'JW301', datum: '2026-01-01' }, { berichtcode: 'JW305', datum: '2026-01-15' }, { berichtcode: 'JW307', datum: '2026-06-01' },
    ] });
    expect([t.startZorg, t.stopZorg]).toEqual(['2026-01-15', '2026-06-01']);
  });

  it('leaves start and stop empty when only the allocation (JW301) was exchanged', () => {
    const t = mapToewijzing({ ...base, berichten: [{ berichtcode: 'JW301', datum: '2026-01-01' }] });
    expect([t.startZorg, t.stopZorg]).toEqual([null, null]);
  });

  it('keeps the JW301 details and reads the stop reason (JZ588) from the last JW307', () => {
    const t = mapToewijzing({ ...base, redenWijziging: { code: '09', omschrijving: 'Overstap naar andere aanbieder' }, berichten: [
      { berichtcode: 'JW301', datum: '2026-01-01' }, { berichtcode: 'JW305', datum: '2026-01-15' },
      { berichtcode: 'JW307', datum: '2026-05-01', redenBeeindiging: { code: '38', omschrijving: 'Overstap naar andere aanbieder' } },
    ] });
    expect(t).toMatchObject({ productcode: '45J03', omvang: base.omvang, redenWijziging: { code: '09' }, juridischeStatus: null, redenBeeindiging: { code: '38' } });
  });

  it('reads the Wmo messages the same way', () => {
    const t = mapToewijzing({ ...base, wet: 'WMO', berichten: [{ berichtcode: 'WMO305', datum: '2026-02-01' }] });
    expect(t.startZorg).toBe('2026-02-01');
  });
});
