import { mapDossier } from './mapping';

const instelling = { brin: '90AA', naam: 'School' };
const traject = (id: string, startdatum: string) => ({
  id, aanleiding: 'VSV' as const, coach: { id: 'C1', naam: 'Coach' }, status: 'ACTIEF' as const, startdatum, einddatum: null, uitkomst: null,
  contactmomenten: [{ datum: '2026-03-01', soort: 'GESPREK' as const }, { datum: '2026-02-01', soort: 'TELEFOON' as const }],
});

describe('leerplicht mapping', () => {
  it('orders trajectories and contact moments oldest first, so the last trajectory is the current one', () => {
    const d = mapDossier({ bsn: '999993653', gemeente: 'GM0518', startkwalificatie: false, vsvMeldingen: [],
      verzuimmeldingen: [
        { id: 'V2', soort: 'RELATIEF', datum: '2025-05-01', uren: 20, instelling, status: 'OPEN' },
        { id: 'V1', soort: 'LUXE', datum: '2024-05-01', uren: 16, instelling, status: 'AFGEHANDELD' },
      ],
      trajecten: [traject('T2', '2026-01-01'), traject('T1', '2024-01-01')] });
    expect(d.trajecten.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(d.trajecten[1].contactmomenten.map((c) => c.datum)).toEqual(['2026-02-01', '2026-03-01']);
    expect(d.verzuimmeldingen.map((v) => v.id)).toEqual(['V1', 'V2']);
    expect(d.gemeenteCode).toBe('GM0518');
  });
});
