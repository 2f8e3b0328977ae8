import { join } from 'node:path';
import { close, listen } from '../lib/http/http';
import { Population, SHOWCASE_BSN } from '../population/generator';
import { OpenApiValidator } from '../test/support/openapi';
import { BRP_FIELDS } from '../adapters/brp/haal-centraal/mapping';
import { createSimulator, type SimulatorName } from './index';
import { withoutKnownSpecConflicts } from './brp/spec-conflicts';

const population = new Population({ size: 400, seed: 11, peildatum: '2026-11-01' });
const clock = () => new Date('2026-11-01T12:00:00Z');
const spec = (system: string, vendor: string) => join(__dirname, '..', 'adapters', system, vendor, 'spec', 'openapi.yaml');
const bsns = Array.from({ length: 100 }, (_, i) => population.bsnAt(i * 4));

async function withSimulator(name: SimulatorName, fn: (url: string) => Promise<void>): Promise<void> {
  const sim = createSimulator(name, population, clock);
  const url = await listen(sim.server);
  try { await fn(url); } finally { await close(sim.server); }
}

async function call(url: string, method: string, body?: unknown): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = (res.headers.get('content-type') ?? '').trim();
  return { status: res.status, type, body: type.includes('json') ? await res.json() : await res.text() };
}

describe('simulator responses validate against their OpenAPI specs', () => {
  it('BRP: RaadpleegMetBurgerservicenummer answers validate against the real Haal Centraal spec', async () => {
    const validator = new OpenApiValidator(spec('brp', 'haal-centraal'));
    await withSimulator('brp', async (url) => {
      for (let i = 0; i < 100; i += 20) {
        const res = await call(`${url}/personen`, 'POST', {
          type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [...bsns.slice(i, i + 19), SHOWCASE_BSN, '999992077'].slice(0, 20),
          fields: BRP_FIELDS, // what this layer is authorised for (every full test person validates in population/lo3.test.ts)
        });
        expect(res.status).toBe(200);
        expect(res.body.personen.length).toBe(20);
        expect(validator.errors('/personen', 'post', 200, 'application/json; charset=utf-8', res.body)).toEqual([]);
      }
    });
  });

  it('BRP: applies fields, and answers 400 problem details for bad queries', async () => {
    const validator = new OpenApiValidator(spec('brp', 'haal-centraal'));
    await withSimulator('brp', async (url) => {
      const ok = await call(`${url}/personen`, 'POST', { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [SHOWCASE_BSN], fields: ['naam.voornamen'] });
      expect(ok.body.personen).toEqual([{ naam: { voornamen: population.byBsn(SHOWCASE_BSN)!.voornamen } }]);
      for (const body of [
        { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: Array(21).fill(SHOWCASE_BSN), fields: ['naam'] },
        { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [SHOWCASE_BSN], fields: ['schoenmaat'] },
        { type: 'ZoekMetPostcodeEnHuisnummer', postcode: '0234AB', huisnummer: 1, fields: ['naam'] },
      ]) {
        const res = await call(`${url}/personen`, 'POST', body);
        expect(res.status).toBe(400);
        expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 400, 'application/problem+json', res.body))).toEqual([]);
      }
    });
  });

  it('leerplicht: dossiers and caseload searches validate', async () => {
    const validator = new OpenApiValidator(spec('leerplicht', 'referentie'));
    await withSimulator('leerplicht', async (url) => {
      const dossiers = await call(`${url}/dossiers/opvragen`, 'POST', { bsns });
      expect(dossiers.body.dossiers).toHaveLength(100);
      expect(validator.errors('/dossiers/opvragen', 'post', 200, 'application/json', dossiers.body)).toEqual([]);
      const search = await call(`${url}/jongeren/zoeken`, 'POST', { limiet: 50, zonderStartkwalificatie: true, gemeenten: ['GM0114', 'GM0518'] });
      expect(validator.errors('/jongeren/zoeken', 'post', 200, 'application/json', search.body)).toEqual([]);
      const bad = await call(`${url}/jongeren/zoeken`, 'POST', { limiet: 5000 });
      expect(bad.status).toBe(400);
      expect(validator.errors('/jongeren/zoeken', 'post', 400, 'application/problem+json', bad.body)).toEqual([]);
    });
  });

  it('participatie: client files and counts validate', async () => {
    const validator = new OpenApiValidator(spec('participatie', 'referentie'));
    await withSimulator('participatie', async (url) => {
      const res = await call(`${url}/klanten/opvragen`, 'POST', { bsns: [...bsns, SHOWCASE_BSN].slice(1) });
      expect(res.body.klanten.length).toBeGreaterThan(0);
      expect(validator.errors('/klanten/opvragen', 'post', 200, 'application/json', res.body)).toEqual([]);
      const counts = await call(`${url}/aantallen?gemeente=GM0114`, 'GET');
      expect(validator.errors('/aantallen', 'get', 200, 'application/json', counts.body)).toEqual([]);
    });
  });

  it('zorg: allocations with iJw/iWmo messages and counts validate', async () => {
    const validator = new OpenApiValidator(spec('zorg', 'referentie'));
    await withSimulator('zorg', async (url) => {
      const res = await call(`${url}/toewijzingen/opvragen`, 'POST', { bsns });
      expect(res.body.clienten.length).toBeGreaterThan(0);
      expect(validator.errors('/toewijzingen/opvragen', 'post', 200, 'application/json', res.body)).toEqual([]);
      const counts = await call(`${url}/aantallen?gemeente=GM0268`, 'GET');
      expect(validator.errors('/aantallen', 'get', 200, 'application/json', counts.body)).toEqual([]);
    });
  });

  it('duo: the delivery index and files validate', async () => {
    const validator = new OpenApiValidator(spec('onderwijs', 'duo-levering'));
    await withSimulator('duo', async (url) => {
      const index = await call(`${url}/leveringen?afnemer=DP-HAAGLANDEN`, 'GET');
      expect(index.body.leveringen.length).toBeGreaterThan(5 * 52); // the start C-levering and five years of weekly P-leveringen
      expect(index.body.leveringen[0]).toMatchObject({ soort: 'C', afnemer: 'DP-HAAGLANDEN' });
      expect(validator.errors('/leveringen', 'get', 200, 'application/json', index.body)).toEqual([]);
      const zonder = await call(`${url}/leveringen`, 'GET');
      expect(zonder.status).toBe(400);
      expect(validator.errors('/leveringen', 'get', 400, 'application/problem+json', zonder.body)).toEqual([]);
      const volledig = await call(`${url}/leveringen/volledig`, 'POST', { afnemer: 'GM0518' });
      expect([volledig.status, volledig.body.levering.soort]).toEqual([201, 'C']);
      expect(validator.errors('/leveringen/volledig', 'post', 201, 'application/json', volledig.body)).toEqual([]);
      const file = await call(`${url}/leveringen/${index.body.leveringen[0].id}`, 'GET');
      expect(file.type).toMatch(/^text\/csv/);
      expect(validator.errors('/leveringen/{id}', 'get', 200, 'text/csv', file.body)).toEqual([]);
      const missing = await call(`${url}/leveringen/DUO-1900-1901`, 'GET');
      expect(missing.status).toBe(404);
      expect(validator.errors('/leveringen/{id}', 'get', 404, 'application/problem+json', missing.body)).toEqual([]);
    });
  });
});

describe('the spec validator itself', () => {
  it('rejects responses that break the spec, so the checks above can fail', () => {
    const brp = new OpenApiValidator(spec('brp', 'haal-centraal'));
    const bad = { type: 'RaadpleegMetBurgerservicenummer', personen: [{ burgerservicenummer: '12', leeftijd: -3, geslacht: { code: 'M?' } }] };
    expect(brp.errors('/personen', 'post', 200, 'application/json; charset=utf-8', bad).length).toBeGreaterThanOrEqual(3);
    // A discriminated subtype (Datum) must carry its own required field.
    const nested = { type: 'RaadpleegMetBurgerservicenummer', personen: [{ geboorte: { datum: { type: 'Datum', langFormaat: 'ooit' } } }] };
    expect(brp.errors('/personen', 'post', 200, 'application/json; charset=utf-8', nested)).not.toEqual([]);
    const zorg = new OpenApiValidator(spec('zorg', 'referentie'));
    expect(zorg.errors('/toewijzingen/opvragen', 'post', 200, 'application/json', { clienten: [{ bsn: '999993653', toewijzingen: [{}] }] })).not.toEqual([]);
    expect(zorg.errors('/aantallen', 'get', 200, 'application/json', { gemeente: 'GM0268', jeugdwet: 1, wmo: 2, extra: 1 })).not.toEqual([]);
  });
});
