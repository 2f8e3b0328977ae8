import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresAuditStore, SqliteAuditStore, type AuditRecord, type AuditStore } from './audit';
import { PostgresConsentStore, SqliteConsentStore, type ConsentStore, type Dekking } from './consent';
import { PostgresCijferStore, SqliteCijferStore, type CijferStore } from './cijfers';

/** The machine's PostgreSQL (127.0.0.1:5432, trust auth, database `test`); each run uses a schema of its own. */
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `t_${randomBytes(6).toString('hex')}`;
const pool = new Pool({ connectionString: PG_URL, max: 4 });
afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

const record = (trace: string, subject: string, activity: string, start: string): AuditRecord => ({
  trace_id: trace, span_id: randomBytes(8).toString('hex'), parent_span_id: null, name: 'basis.query', start_time: start, end_time: start,
  status_code: 1, resource: { 'service.name': 'basis' },
  attributes: { 'dpl.core.processing_activity_id': activity, 'dpl.core.data_subject_id': subject, 'dpl.core.data_subject_id_type': 'BSN', 'jf.rol': 'fg',
    'jf.organisatie': trace === 't1' ? 'GM0001' : 'GM0002' },
});

const auditStores: [string, () => AuditStore][] = [
  ['SQLite', () => new SqliteAuditStore(':memory:')],
  ['PostgreSQL', () => new PostgresAuditStore(pool, schema)],
];
const consentStores: [string, () => ConsentStore][] = [
  ['SQLite', () => new SqliteConsentStore(':memory:')],
  ['PostgreSQL', () => new PostgresConsentStore(pool, `${schema}`)],
];

describe.each(auditStores)('audit store on %s', (_name, make) => {
  it('keeps what it confirmed and finds it by subject, activity, trace and organisation, exactly, newest first', async () => {
    const store = make();
    const a = 'https://r.example/verwerkingsactiviteiten/a/versies/1';
    await store.append([record('t1', 's1', a, '2026-11-01T10:00:00.000Z'), record('t1', 's2', a, '2026-11-01T10:00:01.000Z')]);
    const later = record('t2', 's1', 'https://r.example/verwerkingsactiviteiten/b/versies/2', '2026-11-01T11:00:00.000Z');
    await store.append([later]);
    expect((await store.query({ dataSubjectId: 's1' }, 10)).map((r) => r.trace_id)).toEqual(['t2', 't1']);
    expect((await store.query({ processingActivityIds: [a] }, 10)).map((r) => r.attributes['dpl.core.data_subject_id'])).toEqual(['s2', 's1']);
    // Exact matching: a prefix or a SQL wildcard finds nothing.
    expect(await store.query({ processingActivityIds: ['https://r.example/verwerkingsactiviteiten/a/'] }, 10)).toEqual([]);
    expect(await store.query({ processingActivityIds: ['%'] }, 10)).toEqual([]);
    expect(await store.query({ traceId: '%' }, 10)).toEqual([]);
    expect((await store.query({ dataSubjectId: 's1', organisatie: 'GM0001' }, 10)).map((r) => r.trace_id)).toEqual(['t1']);
    expect(await store.query({ traceId: 't1' }, 1)).toHaveLength(1);
    expect(await store.query({ traceId: 't2' }, 5)).toEqual([later]);
    await store.close();
  });

  it('refuses a read without a filter on subject, activity or trace', async () => {
    const store = make();
    await expect(store.query({}, 10)).rejects.toThrow(/must filter/);
    await store.close();
  });
});

/** What the active consents cover per person, as the tests compare it: null where a record names no categories (read as the register's). */
const cats = (m: Map<string, Dekking[]>) => new Map([...m].map(([bsn, ds]) => [bsn, ds.some((d) => d.categorieen === null) ? null : [...new Set(ds.flatMap((d) => d.categorieen!))]]));

describe.each(consentStores)('consent store on %s', (_name, make) => {
  const vraag = { rol: 'jongerenloket', organisatie: 'GM0518', dag: '2026-11-01' };
  it('answers active consents in one batch and honours withdrawal', async () => {
    const store = make();
    const [x, y, z] = [randomBytes(4).toString('hex'), randomBytes(4).toString('hex'), randomBytes(4).toString('hex')];
    await store.geefAlle([{ bsn: x, activiteit: 'act', categorieen: null }, { bsn: y, activiteit: 'act', categorieen: ['zorg.indicatie'] }]);
    await store.geef({ bsn: z, activiteit: 'andere', categorieen: null });
    expect(cats(await store.actief('act', [x, y, z], vraag))).toEqual(new Map([[x, null], [y, ['zorg.indicatie']]]));
    const [eerste] = await store.historie(x);
    expect(await store.trekIn(x, eerste.id, { door: 'JONGERE' })).toMatchObject({ id: eerste.id, ingetrokken: { door: 'JONGERE' } });
    expect(await store.trekIn(y, eerste.id, { door: 'JONGERE' })).toBeNull(); // another person's record: nothing changes
    expect(cats(await store.actief('act', [x, y], vraag))).toEqual(new Map([[y, ['zorg.indicatie']]]));
    expect(await store.aantal()).toBeGreaterThanOrEqual(3);
    await store.close();
  });

  it('counts a consent only for its recipient and before its end date, and keeps the whole history', async () => {
    const store = make();
    const x = randomBytes(4).toString('hex');
    const door = { door: 'MEDEWERKER' as const, medewerker: 'loket-1', organisatie: 'GM0518', activiteit: 'act@3' };
    await store.geef({ bsn: x, activiteit: 'act', categorieen: ['vsv'], ontvanger: { soort: 'ROL', waarde: 'werkcoach' }, doel: 'werk zoeken', geldigTot: '2027-01-01', vastgelegd: door });
    await store.geef({ bsn: x, activiteit: 'act', categorieen: ['verzuim'], ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, doel: 'intake', geldigTot: '2026-11-01', vastgelegd: door });
    await store.geef({ bsn: x, activiteit: 'act', categorieen: ['betrokkenen'], ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, doel: 'intake', geldigTot: '2026-11-02', vastgelegd: door }, new Date('2026-10-30T10:00:00Z'));
    // werkcoach's consent is not the loket's; the one ending on 2026-11-01 no longer holds that day.
    expect(cats(await store.actief('act', [x], vraag))).toEqual(new Map([[x, ['betrokkenen']]]));
    expect(cats(await store.actief('act', [x], { ...vraag, rol: 'werkcoach', organisatie: 'GM0034' }))).toEqual(new Map([[x, ['vsv']]]));
    expect(cats(await store.actief('act', [x], { ...vraag, dag: '2026-11-02' }))).toEqual(new Map());
    const historie = await store.historie(x);
    expect(historie.map((h) => [h.categorieen, h.ontvanger, h.doel, h.geldigTot, h.vastgelegd, h.ingetrokkenOp])).toEqual([
      [['betrokkenen'], { soort: 'ORGANISATIE', waarde: 'GM0518' }, 'intake', '2026-11-02', door, null],
      [['vsv'], { soort: 'ROL', waarde: 'werkcoach' }, 'werk zoeken', '2027-01-01', door, null],
      [['verzuim'], { soort: 'ORGANISATIE', waarde: 'GM0518' }, 'intake', '2026-11-01', door, null],
    ]);
    await store.close();
  });

  it('opens nothing while pending, opens exactly what it names once confirmed, and keeps evidence, confirmation and the withdrawal request', async () => {
    const store = make();
    const x = randomBytes(4).toString('hex');
    const door = { door: 'MEDEWERKER' as const, medewerker: 'loket-1', organisatie: 'GM0518', activiteit: 'act@3' };
    const bewijs = { soort: 'ONDERTEKEND_FORMULIER', referentie: 'dossier 12/4', datum: '2026-10-31' };
    const r = await store.geef({ bsn: x, activiteit: 'act', categorieen: ['betrokkenen'], ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, doel: 'intake',
      geldigTot: '2027-01-01', vastgelegd: door, status: 'IN_AFWACHTING', registerversie: 3, bewijs });
    expect(r).toMatchObject({ status: 'IN_AFWACHTING', registerversie: 3, bewijs, bevestigdOp: null });
    expect(cats(await store.actief('act', [x], vraag))).toEqual(new Map());
    const tweede = { ...door, medewerker: 'loket-2' };
    expect(await store.bevestig(x, r.id, tweede)).toMatchObject({ status: 'ACTIEF', bevestigd: tweede });
    expect(await store.bevestig(x, r.id, tweede)).toBeNull(); // no longer pending
    expect(cats(await store.actief('act', [x], vraag))).toEqual(new Map([[x, ['betrokkenen']]]));
    const verzoek = { datum: '2026-11-01', kanaal: 'TELEFOON', referentie: 'notitie 7' };
    expect(await store.trekIn(x, r.id, door, new Date(), verzoek)).toMatchObject({ verzoek, ingetrokken: door });
    expect(cats(await store.actief('act', [x], vraag))).toEqual(new Map());
    await store.close();
  });

  it('lists confirmed consents whose end date has come once, until their expiry is reported', async () => {
    const store = make();
    const x = randomBytes(4).toString('hex');
    const a = await store.geef({ bsn: x, activiteit: 'act', categorieen: ['vsv'], geldigTot: '2026-10-15' });
    await store.geef({ bsn: x, activiteit: 'act', categorieen: ['vsv'], geldigTot: '2026-10-15', status: 'IN_AFWACHTING' });
    await store.geef({ bsn: x, activiteit: 'act', categorieen: ['vsv'], geldigTot: '2027-10-15' });
    const verlopen = (await store.verlopen('2026-11-01', 1000)).filter((t) => t.bsn === x);
    expect(verlopen.map((t) => t.id)).toEqual([a.id]);
    await store.meldVerlopen([a.id]);
    expect((await store.verlopen('2026-11-01', 1000)).filter((t) => t.bsn === x)).toEqual([]);
    await store.close();
  });
});

describe('audit store outage on PostgreSQL', () => {
  it('rejects the append (so the caller fails closed) when the database is unreachable', async () => {
    const dead = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 500 });
    const store = new PostgresAuditStore(dead, schema);
    await expect(store.append([record('t', 's', 'a', '2026-11-01T10:00:00.000Z')])).rejects.toThrow();
    await dead.end();
  });
});

const cijferStores: [string, () => CijferStore][] = [
  ['SQLite', () => new SqliteCijferStore(':memory:')],
  ['PostgreSQL', () => new PostgresCijferStore(pool, schema)],
];

describe.each(cijferStores)('figure store on %s', (_name, make) => {
  const tabel = (w: number | null) => ({ berekendOp: '2026-11-01', periodes: ['2026-10', '2026-K3'], drempel: 10, rijen: [['GM0518|2026-10', { jongeren: [w, 12, 0, 40] }], ['DP-HAAGLANDEN|2026-10', { jongeren: [30, 20, 10, 60] }]] as [string, Record<string, (number | null)[]>][] });

  it('keeps a version\'s published rows, replaces a version whole, and keeps only the two newest versions', async () => {
    const store = make();
    await store.bewaar('v1', tabel(null));
    expect(await store.lees('v1')).toEqual({ ...tabel(null), rijen: expect.arrayContaining(tabel(null).rijen) });
    await store.bewaar('v1', tabel(11));
    expect((await store.lees('v1'))!.rijen).toEqual(expect.arrayContaining([['GM0518|2026-10', { jongeren: [11, 12, 0, 40] }]]));
    expect((await store.lees('v1'))!.rijen).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 5));
    await store.bewaar('v2', tabel(12));
    await new Promise((r) => setTimeout(r, 5));
    await store.bewaar('v3', tabel(13));
    expect(await store.lees('v1')).toBeNull();
    expect((await store.lees('v2'))!.rijen).toHaveLength(2);
    expect((await store.lees('v3'))!.drempel).toBe(10);
    expect(await store.lees('onbekend')).toBeNull();
    await store.close();
  });

  it('makes the cell key secret once: a later proposal does not replace it', async () => {
    const store = make();
    const eerste = await store.geheim(`a${randomBytes(20).toString('hex')}`);
    expect(await store.geheim(`b${randomBytes(20).toString('hex')}`)).toBe(eerste);
    await store.close();
  });
});
