import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Population } from '../../population/generator';
import { Leveringen } from '../../simulators/duo/levering';
import { foldHistorie } from './history';
import { ingestBestand, ingestFeed } from './ingest';
import { OnderwijsStore } from './store';

const population = new Population({ size: 300, seed: 3, peildatum: '2026-11-01' });
const leveringen = new Leveringen(population);
const feed = {
  leveringen: async () => leveringen.index(),
  bestand: async (id: string) => leveringen.file(id)!,
};

describe('onderwijs feed ingest', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'onderwijs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds every person\'s education history from the deliveries', async () => {
    const store = new OnderwijsStore(join(dir, 'o.sqlite'));
    await ingestFeed(store, feed);
    for (const p of [...population.persons()].slice(0, 120)) {
      const h = foldHistorie(store.regelsVoor([p.bsn]));
      expect(h.inschrijvingen.map((i) => [i.id, i.begindatum, i.einddatum, i.niveau])).toEqual(
        p.onderwijs.inschrijvingen.map((i) => [i.id, i.begindatum, i.einddatum, i.niveau]));
      expect(h.diplomas.map((d) => d.id)).toEqual(p.onderwijs.diplomas.map((d) => d.id));
      expect(h.vsvRegistraties.map((v) => v.id)).toEqual(p.onderwijs.vsv.map((v) => v.id));
    }
    store.close();
  });

  it('changes nothing when the same delivery comes twice', async () => {
    const store = new OnderwijsStore(join(dir, 'o.sqlite'));
    const first = await ingestFeed(store, feed);
    const bsns = [...population.persons()].map((p) => p.bsn);
    const before = store.regelsVoor(bsns);
    const second = await ingestFeed(store, feed);
    expect(first.every((v) => v.resultaat === 'ingelezen')).toBe(true);
    expect(second.every((v) => v.resultaat === 'ongewijzigd')).toBe(true);
    expect(store.regelsVoor(bsns)).toEqual(before);
    store.close();
  });

  it('replaces rows, not duplicates them, when a delivery is corrected and sent again', () => {
    const store = new OnderwijsStore(':memory:');
    const id = leveringen.index()[3].id;
    const text = leveringen.file(id)!;
    ingestBestand(store, id, text);
    const bsn = text.split('\n')[1].split(';')[2];
    const count = store.regelsVoor([bsn]).length;
    const corrected = `${text}\n`;
    expect(ingestBestand(store, id, corrected).resultaat).toBe('ingelezen');
    expect(store.regelsVoor([bsn])).toHaveLength(count);
    store.close();
  });

  it('skips a malformed row, reports its line, and keeps the rest of the file', () => {
    const store = new OnderwijsStore(':memory:');
    const id = leveringen.index()[5].id;
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
    await ingestFeed(store, feed);
    const bsn = population.bsnAt(10);
    const before = store.regelsVoor([bsn]);
    store.close();
    const reopened = new OnderwijsStore(path);
    expect(reopened.regelsVoor([bsn])).toEqual(before);
    expect(reopened.aantalLeveringen()).toBe(leveringen.index().length);
    expect((await ingestFeed(reopened, feed)).every((v) => v.resultaat === 'ongewijzigd')).toBe(true);
    reopened.close();
  });
});
