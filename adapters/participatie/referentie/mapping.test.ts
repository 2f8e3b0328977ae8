import { mapKlant } from './mapping';

describe('participatie mapping', () => {
  it('keeps the benefit and orders trajectories oldest first', () => {
    const coach = { id: 'W1', naam: 'Werkcoach' };
    const d = mapKlant({ bsn: '999993653', uitkering: { soort: 'ALGEMENE_BIJSTAND', sinds: '2026-01-01' }, jongerenInBeeld: null,
      trajecten: [
        { id: 'R2', soort: 'SCHOLING', werkcoach: coach, startdatum: '2026-05-01', einddatum: null, uitkomst: 'LOPEND' },
        { id: 'R1', soort: 'WERKFIT', werkcoach: coach, startdatum: '2026-02-01', einddatum: '2026-04-01', uitkomst: 'UITGEVALLEN' },
      ] });
    expect(d.uitkering).toEqual({ soort: 'ALGEMENE_BIJSTAND', sinds: '2026-01-01' });
    expect(d.trajecten.map((t) => t.id)).toEqual(['R1', 'R2']);
  });
});
