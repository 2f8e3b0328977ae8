import { mapKlant } from './mapping';

describe('participatie mapping', () => {
  it('keeps the benefit and orders trajectories oldest first', () => {
    const coach = { id: 'W1', naam: 'Werkcoach' };
    const d = mapKlant({ bsn: '999993653', uitkering: { soort: 'ALGEMENE_BIJSTAND', sinds: '2026-01-01' }, jongerenInBeeld: null,
      trajecten: [
        { id: 'R2', soort: 'SCHOLING', werkcoach: coach, startdatum: '2026-05-01', einddatum: null, uitkomst: 'LOPEND' },
        { id: 'R1', soort: 'WERKFIT', werkcoach: coach, startdatum: '2026-02-01', einddatum: '2026-04-01', uitkomst: 'UITGEVALLEN' },
      ], dienstverbanden: [] });
    expect(d.uitkering).toEqual({ soort: 'ALGEMENE_BIJSTAND', sinds: '2026-01-01' });
    expect(d.trajecten.map((t) => t.id)).toEqual(['R1', 'R2']);
  });

  it('orders the employment signal (Polis) oldest first and keeps an open end as null', () => {
    const d = mapKlant({ bsn: '999993653', uitkering: null, jongerenInBeeld: null, trajecten: [],
      dienstverbanden: [{ begindatum: '2026-03-01', einddatum: null, urenPerWeek: 32 }, { begindatum: '2025-09-01', einddatum: '2026-01-31', urenPerWeek: 12 }] });
    expect(d.dienstverbanden).toEqual([{ begindatum: '2025-09-01', einddatum: '2026-01-31', urenPerWeek: 12 }, { begindatum: '2026-03-01', einddatum: null, urenPerWeek: 32 }]);
  });
});
