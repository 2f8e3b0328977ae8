import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, listen } from '../../lib/http/http';
import { Population, SHOWCASE_BSN } from '../../population/generator';
import { configFromEnv } from '../../system/config';
import { createSimulator } from '..';
import { autorisatiesUitBestand } from './autorisatie-bestand';

/**
 * Other afnemers' authorisations from the file `BRP_AUTORISATIES` names, so anyone can play an
 * afnemer against the simulator from outside. The cases follow
 * features/autorisatie/personen/persoon/naam/autorisatie.feature of BRP-API/Haal-Centraal-BRP-bevragen
 * ("Afnemer vraagt om <fields> en heeft uitsluitend de autorisatie die nodig is", and the same
 * field without that autorisatie: 403 unauthorizedField).
 */
const dir = mkdtempSync(join(tmpdir(), 'brp-autorisaties-'));
const bestand = join(dir, 'autorisaties.json');
const ALLES = '00000001234567890000';
writeFileSync(bestand, JSON.stringify({ [ALLES]: ['*'], '000008': ['10120', '10210'] }));
const population = new Population({ size: 50, seed: 3, peildatum: '2026-11-01' });
const sim = createSimulator('brp', population, () => new Date('2026-11-01T12:00:00Z'), configFromEnv({ BRP_AUTORISATIES: bestand }).simulators);
let url: string;
beforeAll(async () => { url = await listen(sim.server); });
afterAll(async () => { await close(sim.server); rmSync(dir, { recursive: true, force: true }); });

const vraag = async (afnemer: string, fields: string[]) => {
  const res = await fetch(`${url}/haalcentraal/api/brp/personen`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-origin-oin': afnemer },
    body: JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [SHOWCASE_BSN], fields }) });
  return { status: res.status, body: await res.json() as { code?: string; personen?: Record<string, unknown>[] } };
};

describe('BRP_AUTORISATIES: other afnemers as a file', () => {
  it('grants an afnemer exactly its rubrieken, "*" every rubriek, and an unknown afnemer none', async () => {
    expect((await vraag('000008', ['naam.voornamen'])).status).toBe(200);
    const zonder = await vraag('000008', ['naam.geslachtsnaam']);
    expect([zonder.status, zonder.body.code]).toEqual([403, 'unauthorizedField']);
    const alles = await vraag(ALLES, ['naam', 'geboorte', 'geslacht', 'nationaliteiten', 'verblijfplaats', 'adressering', 'leeftijd']);
    expect(alles.status).toBe(200);
    expect(Object.keys(alles.body.personen![0])).toEqual(expect.arrayContaining(['naam', 'geboorte', 'nationaliteiten']));
    expect((await vraag('11111111111111111111', ['naam.voornamen'])).body.code).toBe('unauthorizedParameter'); // not even the BSN to ask by
  });

  it('reads the file again when it changes, without a restart', async () => {
    writeFileSync(bestand, JSON.stringify({ '000008': ['10120', '10210', '10240'] }));
    utimesSync(bestand, new Date(), new Date(Date.now() + 5_000));
    expect((await vraag('000008', ['naam.geslachtsnaam'])).status).toBe(200);
    expect((await vraag(ALLES, ['naam.voornamen'])).status).toBe(403);
  });

  it('refuses a file that is not an object of OINs to rubriek lists, naming the variable, the file and the problem', () => {
    const fout = (inhoud: string) => { writeFileSync(join(dir, 'fout.json'), inhoud); return () => autorisatiesUitBestand(join(dir, 'fout.json')); };
    expect(fout('{ niet json')).toThrow(/BRP_AUTORISATIES \(.*fout\.json\): is not JSON/);
    expect(fout('["10120"]')).toThrow(/must be an object from OIN/);
    expect(fout('{"abc": ["10120"]}')).toThrow(/"abc" is not an OIN/);
    expect(fout('{"000008": "10120"}')).toThrow(/rubrieken of 000008 must be a list/);
    expect(() => autorisatiesUitBestand(join(dir, 'bestaat-niet.json'))).toThrow(/cannot be read/);
  });
});
