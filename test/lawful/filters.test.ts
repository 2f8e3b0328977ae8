import { heeftStartkwalificatie } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, headersFor, startTestSystem, type Identity } from '../support/system';

/** Issue 6: a filter may use only categories the activity grants outright (register: categorieen, not metToestemming). */
const leerplicht: Identity = { role: 'leerplichtambtenaar', org: 'GM0518', activity: 'leerplicht-handhaving' };
const werkcoach: Identity = { role: 'werkcoach', org: 'GM0518', activity: 'reintegratie-participatiewet' };
const coach: Identity = { role: 'doorstroomcoach', org: 'GM0518', activity: 'doorstroompunt-begeleiding' };
const PAGE = 'query ($f: JongerenFilter) { jongeren(filter: $f, eerste: 1000) { totaal jongeren { bsn naam { volledigeNaam } } } }';

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

const refusal = (body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }) => ({ data: body.data, errors: body.errors?.map((e) => e.extensions) });

describe('filters are checked like the fields they reveal', () => {
  it('refuses a leerplichtambtenaar filtering on startkwalificatie (onderwijs.resultaat is not granted), in literals, variables and defaults', async () => {
    const expected = { data: null, errors: [{ code: 'FILTER_NOT_ALLOWED', argument: 'jongeren(filter.zonderStartkwalificatie)', category: 'onderwijs.resultaat', activity: 'leerplicht-handhaving@2' }] };
    const literal = await gqlAs(system, leerplicht, '{ jongeren(filter: { regio: "GM0518", zonderStartkwalificatie: true }, eerste: 1000) { totaal jongeren { bsn } } }');
    expect(literal.status).toBe(403);
    expect(refusal(literal.body)).toEqual(expected);
    const variable = await gqlAs(system, leerplicht, PAGE, { f: { zonderStartkwalificatie: false } });
    expect([variable.status, refusal(variable.body)]).toEqual([403, expected]);
    const byDefault = await gqlAs(system, leerplicht, 'query ($f: JongerenFilter = { zonderStartkwalificatie: true }) { jongeren(filter: $f) { totaal } }');
    expect([byDefault.status, refusal(byDefault.body)]).toEqual([403, expected]);
  });

  it('refuses filtering on a consent-only category (doorstroom.dossier for the werkcoach): totaal and membership would reveal it', async () => {
    const { status, body } = await gqlAs(system, werkcoach, PAGE, { f: { doorstroomstatus: 'ACTIEF' } });
    expect(status).toBe(403);
    expect(refusal(body).errors).toEqual([{ code: 'FILTER_NOT_ALLOWED', argument: 'jongeren(filter.doorstroomstatus)', category: 'doorstroom.dossier', activity: 'reintegratie-participatiewet@2' }]);
  });

  it('serves a leerplichtambtenaar filtering on what leerplicht-handhaving grants (woonadres, identificatie)', async () => {
    const { status, body } = await gqlAs(system, leerplicht, PAGE, { f: { regio: 'GM0518', leeftijdTot: 17 } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.jongeren.totaal).toBeGreaterThan(0);
  });

  it('lets the Doorstroompunt coach filter on startkwalificatie, and lists the filter category in every audit record of the page', async () => {
    const res = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await headersFor(system, coach)) },
      body: JSON.stringify({ query: PAGE, variables: { f: { regio: 'GM0518', zonderStartkwalificatie: true } } }),
    });
    const body = await res.json() as { data: { jongeren: { totaal: number; jongeren: { bsn: string }[] } } };
    const bsns = body.data.jongeren.jongeren.map((j) => j.bsn);
    const truth = [...system.population.persons()].filter((p) => p.gemeenteCode === 'GM0518' && !heeftStartkwalificatie(p));
    expect(bsns.every((b) => truth.some((p) => p.bsn === b))).toBe(true);
    const traceId = res.headers.get('traceparent')!.split('-')[1];
    const records = await system.security!.audit.query({ traceId }, 5000);
    const doorstroom = records.filter((r) => r.resource['service.name'] === 'doorstroom');
    expect(doorstroom.length).toBe(bsns.length);
    for (const r of doorstroom) {
      expect(r.attributes['jf.categorieen.filter']).toEqual(['identificatie', 'onderwijs.resultaat', 'woonadres']);
      expect(r.attributes['jf.categorieen.verstrekt']).toEqual(expect.arrayContaining(['onderwijs.resultaat', 'woonadres']));
    }
  });
});
