import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ageOn, parseIsoDate } from '../../lib/domain/dates';
import { loadRegister } from '../../policies/register';
import { Population } from '../../population/generator';
import { Leveringen } from '../../simulators/duo/levering';
import type { AuditRecord } from '../../stores/audit';
import { geleverdOnderwijs } from '../../test/support/duo';
import { foldHistorie } from './history';
import { ingestBestand, ingestFeed, ingestVolledig } from './ingest';
import { purgeOnderwijs } from './retentie';
import { OnderwijsStore } from './store';

const PEIL = '2026-11-01';
const population = new Population({ size: 400, seed: 3, peildatum: PEIL });
const leveringen = new Leveringen(population);
const feed = {
  leveringen: async (afnemer: string) => leveringen.index(afnemer),
  bestand: async (id: string) => leveringen.file(id)!,
  volledig: async (afnemer: string) => leveringen.volledig(afnemer),
};
const AFNEMERS = population.regions.all('DOORSTROOMPUNTREGIO').map((r) => r.code);
const leeftijd = (geboren: string) => ageOn(geboren, parseIsoDate(PEIL));

describe('onderwijs feed ingest (DUO deliveries to the RMC function)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'onderwijs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds, per person, exactly what DUO delivered: the start C-levering and every weekly P-levering since, for ages 4 to under 23', async () => {
    const store = new OnderwijsStore(join(dir, 'o.sqlite'));
    await ingestFeed(store, feed, AFNEMERS);
    for (const p of [...population.persons()].slice(0, 200)) {
      const h = foldHistorie(store.regelsVoor([p.bsn]));
      const truth = geleverdOnderwijs(p, PEIL);
      expect([p.bsn, h.inschrijvingen.map((i) => [i.id, i.begindatum, i.einddatum])]).toEqual([p.bsn, truth.inschrijvingen.map((i) => [i.id, i.begindatum, i.einddatum])]);
      expect(h.diplomas.map((d) => d.id)).toEqual(truth.diplomas.map((d) => d.id));
      expect(h.vsvRegistraties.map((v) => v.id)).toEqual(truth.vsv.map((v) => v.id));
    }
    store.close();
  });

  it('knows less of people of 23 and over than of the young: what ended after their 23rd birthday was never delivered', async () => {
    const store = new OnderwijsStore(':memory:');
    await ingestFeed(store, feed, AFNEMERS);
    const ouder = [...population.persons()].filter((p) => leeftijd(p.geboortedatum) >= 25);
    const onvolledig = ouder.filter((p) => foldHistorie(store.regelsVoor([p.bsn])).inschrijvingen.length < p.onderwijs.inschrijvingen.length
      || foldHistorie(store.regelsVoor([p.bsn])).inschrijvingen.some((i) => i.einddatum === null) !== p.onderwijs.inschrijvingen.some((i) => i.einddatum === null));
    expect(onvolledig.length).toBeGreaterThan(0);
    store.close();
  });

  it('fetches only deliveries it has not ingested, and changes nothing when run again', async () => {
    const store = new OnderwijsStore(join(dir, 'o.sqlite'));
    const first = await ingestFeed(store, feed, AFNEMERS);
    const bsns = [...population.persons()].map((p) => p.bsn);
    const before = store.regelsVoor(bsns);
    expect(first.length).toBe(AFNEMERS.reduce((n, a) => n + leveringen.index(a).length, 0));
    expect(await ingestFeed(store, feed, AFNEMERS)).toEqual([]);
    expect(store.regelsVoor(bsns)).toEqual(before);
    store.close();
  });

  it('ingests a full delivery (C-levering) on request without duplicating rows', async () => {
    const store = new OnderwijsStore(':memory:');
    await ingestFeed(store, feed, AFNEMERS);
    const bsns = [...population.persons()].map((p) => p.bsn);
    const before = store.regelsVoor(bsns).length;
    const verslag = await ingestVolledig(store, feed, AFNEMERS[0]);
    expect(verslag.resultaat).toBe('ingelezen');
    expect(verslag.regels).toBeGreaterThan(0);
    expect(store.regelsVoor(bsns).length).toBe(before);
    store.close();
  });

  it('replaces rows, not duplicates them, when a delivery is corrected and sent again', () => {
    const store = new OnderwijsStore(':memory:');
    const id = leveringen.index(AFNEMERS[0])[0].id;
    const text = leveringen.file(id)!;
    ingestBestand(store, id, text);
    const bsn = text.split('\n')[1].split(';')[2];
    const count = store.regelsVoor([bsn]).length;
    expect(ingestBestand(store, id, `${text}\n`).resultaat).toBe('ingelezen');
    expect(store.regelsVoor([bsn])).toHaveLength(count);
    store.close();
  });

  it('skips a malformed row, reports its line, and keeps the rest of the file', () => {
    const store = new OnderwijsStore(':memory:');
    const id = leveringen.index(AFNEMERS[0])[0].id;
    const lines = leveringen.file(id)!.trimEnd().split('\n');
    lines[2] = lines[2].replace(/;\d{4}-\d{2}-\d{2};/, ';gisteren;');
    const verslag = ingestBestand(store, id, lines.join('\n'));
    expect(verslag.fouten).toEqual([{ regel: 3, melding: 'datum "gisteren" is not a date' }]);
    expect(verslag.regels).toBe(lines.length - 2);
    store.close();
  });

  it('keeps the ingested state across a restart', async () => {
    const path = join(dir, 'o.sqlite');
    const store = new OnderwijsStore(path);
    await ingestFeed(store, feed, AFNEMERS);
    const bsn = population.bsnAt(10);
    const before = store.regelsVoor([bsn]);
    store.close();
    const reopened = new OnderwijsStore(path);
    expect(reopened.regelsVoor([bsn])).toEqual(before);
    expect(await ingestFeed(reopened, feed, AFNEMERS)).toEqual([]);
    reopened.close();
  });

  it('purges rows past their storage term in the register, with one audit record per person', async () => {
    const store = new OnderwijsStore(':memory:');
    await ingestFeed(store, feed, AFNEMERS);
    const register = loadRegister();
    const written: AuditRecord[] = [];
    const audit = { store: { append: async (r: AuditRecord[]) => { written.push(...r); } } as never, pseudonym: (bsn: string) => `ps-${bsn}` };
    // Ten years on, rows of enrolments older than the register's 16 years go.
    const later = new Date('2036-11-01T00:00:00Z');
    const verslagen = await purgeOnderwijs(store, register, later, audit);
    const inschrijving = verslagen.find((v) => v.categorie === 'onderwijs.inschrijving')!;
    expect(inschrijving).toMatchObject({ bewaartermijn: register.categorieen.get('onderwijs.inschrijving')!.opslag!.bewaartermijn, grens: '2020-11-01' });
    expect(inschrijving.regels).toBeGreaterThan(0);
    const rest = store.regelsVoor([...population.persons()].map((p) => p.bsn));
    expect(rest.filter((r) => (r.soort === 'INSCHRIJVING' || r.soort === 'UITSCHRIJVING') && r.datum < '2020-11-01')).toEqual([]);
    expect(written.length).toBe(verslagen.reduce((n, v) => n + v.personen, 0));
    expect(written[0].attributes).toMatchObject({ 'dpl.core.data_subject_id': expect.stringMatching(/^ps-/), 'jf.retentie.categorie': expect.any(String) });
    expect(JSON.stringify(written)).not.toMatch(/"9\d{8}"/);
    store.close();
  });
});
