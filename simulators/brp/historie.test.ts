import { addDays } from '../../lib/domain/dates';
import { close, listen } from '../../lib/http/http';
import { Population } from '../../population/generator';
import { herkomstVan, woonhistorie } from '../../population/verblijf';
import { historieProblemen, selecteer, type Voorkomen } from './historie';
import { createBrpSimulator } from './server';

const d = (datum: string) => ({ type: 'Datum', datum });
// Two moves: A from 2010-08-18, B from 2016-05-26 (peildatum-filtering-gba.feature's dates), newest first.
const A: Voorkomen = { straat: 'A', datumVan: d('2010-08-18'), datumTot: d('2016-05-26') };
const B: Voorkomen = { straat: 'B', datumVan: d('2016-05-26') };
const straten = (q: Record<string, unknown>) => selecteer([B, A], q).map((v) => v.straat);

describe('peildatum-filtering-gba.feature (BRP historie API)', () => {
  it.each([
    ['2010-01-01', []], ['2010-08-17', []], ['2010-08-18', ['A']], ['2014-01-01', ['A']], ['2016-05-25', ['A']], ['2016-05-26', ['B']], ['2020-01-01', ['B']],
  ])('peildatum %s gives %j', (peildatum, verwacht) => {
    expect(straten({ type: 'RaadpleegMetPeildatum', peildatum })).toEqual(verwacht);
  });

  it('gives every verblijfplaats a period overlaps, newest first (datumTot exclusive)', () => {
    expect(straten({ type: 'RaadpleegMetPeriode', datumVan: '2015-01-01', datumTot: '2017-01-01' })).toEqual(['B', 'A']);
    expect(straten({ type: 'RaadpleegMetPeriode', datumVan: '2015-01-01', datumTot: '2016-05-26' })).toEqual(['A']);
    expect(straten({ type: 'RaadpleegMetPeriode', datumVan: '2016-05-26', datumTot: '2017-01-01' })).toEqual(['B']);
  });

  it('counts a start known to the year or month from its first day', () => {
    const jaar: Voorkomen = { straat: 'J', datumVan: { type: 'JaarDatum', jaar: 2012 } };
    expect(selecteer([jaar], { type: 'RaadpleegMetPeildatum', peildatum: '2011-12-31' })).toEqual([]);
    expect(selecteer([jaar], { type: 'RaadpleegMetPeildatum', peildatum: '2012-01-01' })).toEqual([jaar]);
  });
});

describe('historie parameters', () => {
  it.each([
    [{}, 'type', 'value'],
    [{ type: 'RaadpleegMetPeildatum', peildatum: '2020-01-01' }, 'burgerservicenummer', 'required'],
    [{ type: 'RaadpleegMetPeildatum', burgerservicenummer: '12345', peildatum: '2020-01-01' }, 'burgerservicenummer', 'pattern'],
    [{ type: 'RaadpleegMetPeildatum', burgerservicenummer: '999992089', peildatum: '2020-02-30' }, 'peildatum', 'date'],
    [{ type: 'RaadpleegMetPeriode', burgerservicenummer: '999992089', datumVan: '2020-01-01' }, 'datumTot', 'required'],
    [{ type: 'RaadpleegMetPeriode', burgerservicenummer: '999992089', datumVan: '2020-01-01', datumTot: '2019-01-01' }, 'datumTot', 'date'],
    [{ type: 'RaadpleegMetPeildatum', burgerservicenummer: '999992089', peildatum: '2020-01-01', fields: ['x'] }, 'fields', 'unknownParam'],
  ])('%j is refused on %s (%s)', (q, naam, code) => {
    expect(historieProblemen(q)?.invalid).toContainEqual(expect.objectContaining({ name: naam, code }));
  });
});

describe('verblijfplaatshistorie endpoint', () => {
  const population = new Population({ size: 150, seed: 21, peildatum: '2026-11-01' });
  const sim = createBrpSimulator(population, () => new Date('2026-11-01T12:00:00Z'), { autorisaties: () => ({ '000011': ['*'] }) });
  let url: string;
  beforeAll(async () => { url = await listen(sim.server); });
  afterAll(() => close(sim.server));
  const post = async (body: unknown, oin?: string) => {
    const res = await fetch(`${url}/haalcentraal/api/brphistorie/verblijfplaatshistorie`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(oin ? { 'x-origin-oin': oin } : {}) } });
    return { status: res.status, body: await res.json() as any };
  };

  it('gives a synthetic person every residence since birth or settling here, newest first, and the one of a peildatum (ground truth: population/verblijf.ts)', async () => {
    const synthetisch = [...population.persons()].filter((p) => !p.brp).slice(0, 60);
    let verhuisd = 0;
    for (const p of synthetisch) {
      const waar = woonhistorie(p, population.regions.gemeenten(), population.peildatum);
      const alles = await post({ type: 'RaadpleegMetPeriode', burgerservicenummer: p.bsn, datumVan: '1990-01-01', datumTot: '2026-11-02' }, '000011');
      expect(alles.status).toBe(200);
      expect(alles.body.verblijfplaatsen.map((v: any) => [v.gemeenteVanInschrijving.code, v.verblijfadres.postcode, v.datumVan.datum, v.datumTot?.datum ?? null]))
        .toEqual(waar.map((w, i) => [w.gemeenteCode.slice(2), w.adres.postcode.replace(' ', ''), w.vanaf, i > 0 ? waar[i - 1].vanaf : null]));
      // The first is today's address, since settling here or birth at the earliest.
      expect(alles.body.verblijfplaatsen[0].verblijfadres.postcode).toBe(p.adres.postcode.replace(' ', ''));
      expect(waar.at(-1)!.vanaf).toBe(herkomstVan(p, population.peildatum).immigratie?.datumVestigingInNederland ?? p.geboortedatum);
      // On the day before a move the earlier address; on the day of the move the new one.
      if (waar.length > 1) {
        verhuisd++;
        const dag = waar[0].vanaf;
        const voor = await post({ type: 'RaadpleegMetPeildatum', burgerservicenummer: p.bsn, peildatum: addDays(dag, -1) }, '000011');
        const op = await post({ type: 'RaadpleegMetPeildatum', burgerservicenummer: p.bsn, peildatum: dag }, '000011');
        expect([voor.body.verblijfplaatsen[0].verblijfadres.postcode, op.body.verblijfplaatsen[0].verblijfadres.postcode])
          .toEqual([waar[1].adres.postcode.replace(' ', ''), waar[0].adres.postcode.replace(' ', '')]);
      }
      const voorHetBegin = await post({ type: 'RaadpleegMetPeildatum', burgerservicenummer: p.bsn, peildatum: addDays(waar.at(-1)!.vanaf, -1) }, '000011');
      expect(voorHetBegin.body.verblijfplaatsen).toEqual([]);
    }
    expect(verhuisd).toBeGreaterThan(10);
  });

  it('refuses an afnemer without the address rubrieken (this layer) with 403, and a bad query with 400', async () => {
    expect((await post({ type: 'RaadpleegMetPeildatum', burgerservicenummer: '999992089', peildatum: '2020-01-01' })).status).toBe(403);
    const fout = await post({ type: 'RaadpleegMetPeildatum', burgerservicenummer: '999992089' }, '000011');
    expect([fout.status, fout.body.code, fout.body.invalidParams]).toEqual([400, 'paramsCombination', [{ code: 'required', name: 'peildatum', reason: 'Parameter is verplicht.' }]]);
  });
});
