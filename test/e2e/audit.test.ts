import { heeftToestemming } from '../../population/consent';
import { SHOWCASE_BSN } from '../../population/generator';
import { SqliteAuditStore, type AuditRecord, type AuditStore } from '../../stores/audit';
import type { RunningSystem } from '../../system';
import { gqlAs, headersFor, startTestSystem, zelf, type Identity } from '../support/system';

/** The embedded store, with a switch that makes every write fail (a store outage). */
class SwitchableAuditStore implements AuditStore {
  failing = false;
  readonly inner = new SqliteAuditStore(':memory:');
  async append(records: AuditRecord[]) {
    if (this.failing) throw new Error('disk unavailable');
    return this.inner.append(records);
  }
  query(...args: Parameters<AuditStore['query']>) { return this.inner.query(...args); }
  ping() { return this.failing ? Promise.reject(new Error('disk unavailable')) : this.inner.ping(); }
  purge(ids: string[], before: string) { return this.inner.purge(ids, before); }
  close() { return this.inner.close(); }
}

const store = new SwitchableAuditStore();
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 500, seed: 4, peildatum: '2026-11-01' }, security: { stores: { audit: store } } }); }, 120_000);
afterAll(() => system?.stop());
afterEach(() => { store.failing = false; });

const loket = (org: string): Identity => ({ role: 'jongerenloket', org, activity: 'jongerenloket-intake', sub: 'medewerker-42' });
const fgOf = (org: string): Identity => ({ role: 'fg', org, activity: 'toezicht-fg', sub: `fg-${org}` });
const showcaseOrg = () => system.population.byBsn(SHOWCASE_BSN)!.gemeenteCode;

async function post(who: Identity, query: string, extra: Record<string, string> = {}) {
  const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(system, who)), ...extra }, body: JSON.stringify({ query }) });
  return { status: res.status, traceparent: res.headers.get('traceparent'), body: await res.json() as any };
}

describe('audit log (Logboek Dataverwerkingen)', () => {
  it('writes one record per data subject and subgraph, with trace ids, a versioned activity URI and a pseudonym', async () => {
    const { body, traceparent } = await post(loket(showcaseOrg()), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } inschrijvingen { id } uitkering { soort } } }`);
    expect(body.data.jongere.naam.volledigeNaam).toEqual(expect.any(String));
    const [, traceId, gatewaySpan] = traceparent!.split('-');
    const records = await store.query({ traceId }, 100);
    // Education and benefit are consent-only for the Jongerenloket (jongerenloket-intake@2); a refusal is logged too.
    const toestemming = heeftToestemming(system.population.byBsn(SHOWCASE_BSN)!, 'jongerenloket-intake');
    expect(records.map((r) => r.resource['service.name']).sort()).toEqual(['basis', 'onderwijs', 'participatie']);
    for (const r of records) {
      expect(r.trace_id).toBe(traceId);
      expect(r.parent_span_id).toBe(gatewaySpan);
      expect(r.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(r.status_code).toBe(1);
      expect(r.attributes['dpl.core.processing_activity_id']).toBe('https://register.jongeren-federatie.example/verwerkingsactiviteiten/jongerenloket-intake/versies/3');
      expect(r.attributes['dpl.core.data_subject_id']).toBe(system.security!.pseudonym(SHOWCASE_BSN));
      expect(r.attributes['dpl.core.data_subject_id_type']).toBe('BSN');
      expect(r.attributes).toMatchObject({ 'jf.medewerker': 'medewerker-42', 'jf.rol': 'jongerenloket', 'jf.organisatie': showcaseOrg() });
      expect(JSON.stringify(r)).not.toContain(SHOWCASE_BSN);
    }
    const participatie = records.find((r) => r.resource['service.name'] === 'participatie')!.attributes;
    expect(participatie['jf.categorieen.verstrekt'] ?? []).toEqual(toestemming ? ['participatie.uitkering'] : []);
  });

  it('generates its own trace id and keeps an incoming W3C traceparent as the link to the caller', async () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const { traceparent } = await post(loket(showcaseOrg()), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`, { traceparent: incoming });
    const traceId = traceparent!.split('-')[1];
    expect(traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(await store.query({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, 10)).toEqual([]);
    const records = await store.query({ traceId }, 10);
    expect(records.length).toBe(1);
    expect(records[0].attributes['jf.aanroeper.traceparent']).toBe(incoming);
  });

  it('logs refusals too: who tried, and which categories were refused why', async () => {
    const { body, traceparent } = await post(loket('GM0268'), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`);
    expect(body.errors[0].extensions.code).toBe('OUT_OF_SCOPE');
    const [record] = await store.query({ traceId: traceparent!.split('-')[1] }, 10);
    expect(record.attributes['jf.categorieen.verstrekt']).toEqual([]);
    expect(record.attributes['jf.categorieen.geweigerd']).toEqual({ identificatie: 'BUITEN_BEREIK' });
  });

  it('returns no personal data when the audit record cannot be written: 503 AUDIT_UNAVAILABLE', async () => {
    store.failing = true;
    const { status, body } = await post(loket(showcaseOrg()), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } uitkering { soort } } }`);
    expect(status).toBe(503);
    expect(body).toEqual({ data: null, errors: [{ message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
  });

  it('lets the privacy officer read the log by data subject, activity or trace, and requires one of them', async () => {
    const fg = fgOf(showcaseOrg());
    await post(loket(showcaseOrg()), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`);
    const bySubject = await gqlAs(system, fg, `{ logboek(filter: { bsn: "${SHOWCASE_BSN}" }) { medewerker rol activiteit grondslag categorieenVerstrekt dienst } }`);
    expect(bySubject.body.errors).toBeUndefined();
    expect(bySubject.body.data.logboek).toContainEqual(expect.objectContaining({ medewerker: 'medewerker-42', rol: 'jongerenloket', dienst: 'basis', categorieenVerstrekt: ['identificatie'] }));
    expect(bySubject.body.data.logboek[0].grondslag).toMatch(/Wet BRP art\. 3\.3/); // jongerenloket-intake@2's own basis
    const byActivity = await gqlAs(system, fg, '{ logboek(filter: { activiteit: "jongerenloket-intake" }, eerste: 3) { activiteit } }');
    expect(byActivity.body.data.logboek).toHaveLength(3);
    const none = await gqlAs(system, fg, '{ logboek(filter: {}) { activiteit } }');
    expect(none.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows the young person who accessed their data, when, and on which basis', async () => {
    await post(loket(showcaseOrg()), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`);
    const { body } = await gqlAs(system, zelf(SHOWCASE_BSN), '{ mijnLogboek { tijdstip organisatie rol activiteitNaam grondslag categorieenVerstrekt } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.mijnLogboek).toContainEqual(expect.objectContaining({ organisatie: showcaseOrg(), rol: 'jongerenloket',
      activiteitNaam: 'Intake en integrale begeleiding bij het Jongerenloket', categorieenVerstrekt: ['identificatie'] }));
    const other = await gqlAs(system, zelf(system.population.bsnAt(3)), '{ mijnLogboek { organisatie } }');
    expect(other.body.data.mijnLogboek.some((r: { organisatie: string }) => r.organisatie === showcaseOrg())).toBe(false);
  });

  it('limits the privacy officer to their own organisation\'s processing, and to every record about their own residents', async () => {
    const home = showcaseOrg();
    const other = system.population.regions.gemeenten().find((g) => g.code !== home)!.code;
    // An employee of another municipality looks the person up (refused at the root: out of their scope, but audited).
    await post(loket(other), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`);
    await post(loket(home), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } } }`);
    const q = `{ logboek(filter: { bsn: "${SHOWCASE_BSN}" }, eerste: 500) { organisatie } }`;
    // The FG where the person lives sees every record about them, whoever made it.
    const resident = (await gqlAs(system, fgOf(home), q)).body.data.logboek.map((r: { organisatie: string }) => r.organisatie);
    expect(resident).toEqual(expect.arrayContaining([home, other, null])); // null: the young person's own inzage
    // The FG of the other municipality sees only what their own organisation did.
    const foreign = (await gqlAs(system, fgOf(other), q)).body.data.logboek.map((r: { organisatie: string }) => r.organisatie);
    expect(foreign.length).toBeGreaterThan(0);
    expect(new Set(foreign)).toEqual(new Set([other]));
    // Without a person: only their own organisation's records.
    const byActivity = (await gqlAs(system, fgOf(other), '{ logboek(filter: { activiteit: "jongerenloket-intake" }, eerste: 500) { organisatie } }')).body.data.logboek;
    expect(new Set(byActivity.map((r: { organisatie: string }) => r.organisatie))).toEqual(new Set([other]));
  });

  it('matches filter values exactly: a SQL wildcard is no activity and no trace', async () => {
    const wildcard = await gqlAs(system, fgOf(showcaseOrg()), '{ logboek(filter: { activiteit: "%" }) { organisatie } }');
    expect(wildcard.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const trace = await gqlAs(system, fgOf(showcaseOrg()), '{ logboek(filter: { traceId: "%" }) { organisatie } }');
    expect(trace.body.data.logboek).toEqual([]);
  });

  it('audits refusals made at the gateway (no legal basis, filter not allowed) as refused processing', async () => {
    const home = showcaseOrg();
    const refused = await post(loket(home), `{ jongere(bsn: "${SHOWCASE_BSN}") { zorgtoewijzingen { wet } } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('NO_LEGAL_BASIS');
    const records = await store.query({ traceId: refused.traceparent!.split('-')[1] }, 10);
    const gateway = records.find((r) => r.resource['service.name'] === 'gateway')!;
    expect(gateway.status_code).toBe(2);
    expect(gateway.attributes).toMatchObject({ 'dpl.core.data_subject_id': system.security!.pseudonym(SHOWCASE_BSN), 'jf.medewerker': 'medewerker-42',
      'jf.rol': 'jongerenloket', 'jf.organisatie': home, 'jf.categorieen.verstrekt': [], 'jf.categorieen.geweigerd': { 'zorg.detail': 'GEEN_GRONDSLAG' } });
    const leerplicht: Identity = { role: 'leerplichtambtenaar', org: home, activity: 'leerplicht-handhaving', sub: 'lpa-1' };
    const filter = await post(leerplicht, '{ jongeren(filter: { zonderStartkwalificatie: true }) { totaal } }');
    expect(filter.status).toBe(403);
    const [attempt] = await store.query({ traceId: filter.traceparent!.split('-')[1] }, 10);
    expect(attempt.attributes).toMatchObject({ 'jf.medewerker': 'lpa-1', 'jf.categorieen.geweigerd': { 'onderwijs.resultaat': 'FILTER_NIET_TOEGESTAAN' } });
    // The FG sees the attempt, with the reason in the taxonomy's terms.
    const log = await gqlAs(system, fgOf(home), '{ logboek(filter: { activiteit: "leerplicht-handhaving" }, eerste: 5) { medewerker dienst categorieenGeweigerd { categorie reden } } }');
    expect(log.body.data.logboek).toContainEqual({ medewerker: 'lpa-1', dienst: 'gateway', categorieenGeweigerd: [{ categorie: 'onderwijs.resultaat', reden: 'FILTER_NOT_ALLOWED' }] });
  });
});
