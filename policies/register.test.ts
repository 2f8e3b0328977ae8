import { readFileSync } from 'node:fs';
import { activiteitRef, huidigeVersie, loadRegister, parseActiviteitRef, parseRegister, REGISTER_PATH, RegisterError } from './register';

const text = readFileSync(REGISTER_PATH, 'utf8');
const problemsOf = (t: string, fields?: Set<string>) => {
  try { parseRegister(t, 'test.yaml', { fields }); return []; } catch (e) { return (e as RegisterError).problems; }
};

describe('the bases a privacy officer would sign (versions in force on 2026-11-01)', () => {
  const r = loadRegister();
  const inForce = (id: string) => huidigeVersie(r, id, '2026-11-01')!;
  const personal = [...r.categorieen.values()].filter((c) => !c.openbaar).map((c) => c.id);

  it('cites the precise articles', () => {
    expect(inForce('doorstroompunt-begeleiding').grondslag.artikel).toMatch(/art\. 8\.3\.2.*art\. 8\.1\.8/);
    expect(inForce('leerplicht-handhaving').grondslag.artikel).toMatch(/art\. 16 .*art\. 18 .*art\. 21a/);
    expect(inForce('reintegratie-participatiewet').grondslag.artikel).toMatch(/art\. 7 lid 1 onder a.*art\. 7 lid 3 onder a/);
    expect(inForce('wmo-jeugd-toegang').grondslag.artikel).toMatch(/7\.4\.1.*7\.4\.4.*Wmo 2015 art\. 5\.1\.1/);
  });

  it('makes the Participatiewet art. 7 lid 3 onder a exclusion a condition of re-integration, keeping only what establishes it', () => {
    expect(inForce('reintegratie-participatiewet').voorwaarden.uitsluiting).toEqual({ wanneer: 'ingeschreven', totLeeftijd: 27,
      grondslag: 'Participatiewet art. 7 lid 3 onder a', behalve: ['identificatie', 'woonadres', 'onderwijs.inschrijving', 'onderwijs.resultaat'] });
    const bad = text.replace('behalve: [identificatie, woonadres, onderwijs.inschrijving, onderwijs.resultaat]', 'behalve: [identificatie, schoenmaat]');
    expect(problemsOf(bad)).toEqual([expect.stringMatching(/unknown category "schoenmaat" in reintegratie-participatiewet@2/)]);
  });

  it('lets the Jongerenloket see only identification and address on its own basis (and record consent); everything else needs consent', () => {
    const a = inForce('jongerenloket-intake');
    expect(a.categorieen.sort()).toEqual(['identificatie', 'toestemming', 'woonadres']);
    for (const c of ['vsv', 'doorstroom.dossier', 'participatie.uitkering', 'onderwijs.resultaat', 'betrokkenen', 'zorg.indicatie']) {
      expect(a.metToestemming).toContain(c);
    }
  });

  it('gives pro and vso schools their own nazorg from 2026-12-01: the school is the controller, 24 months after leaving, municipal data only with consent', () => {
    expect(inForce('pro-vso-nazorg')).toBeUndefined(); // not before the law's register version
    const a = huidigeVersie(r, 'pro-vso-nazorg', '2026-12-01')!;
    expect(a.verwerkingsverantwoordelijke).toMatch(/praktijkonderwijs of voortgezet speciaal onderwijs/);
    expect(a.verwerkingsverantwoordelijke).not.toMatch(/college/);
    expect(a.rollen).toEqual(['nazorgbegeleider']);
    expect(a.voorwaarden).toEqual({ eigenStudenten: true, nazorgMaanden: 24, nazorgVanaf: 'uitschrijving' });
    expect(a.metToestemming.sort()).toEqual(['doorstroom.dossier', 'participatie.inkomen', 'participatie.traject']);
    expect(a.grondslag.wet).toMatch(/Wet voortgezet onderwijs 2020.*Wet op de expertisecentra/);
  });

  it('models mbo nazorg as the school\'s own processing: the school is the controller; municipal data only with consent', () => {
    const a = inForce('mbo-nazorg');
    expect(a.verwerkingsverantwoordelijke).toMatch(/mbo-instelling/);
    expect(a.verwerkingsverantwoordelijke).not.toMatch(/college/);
    expect(a.categorieen).not.toEqual(expect.arrayContaining(['doorstroom.dossier']));
    expect(a.metToestemming.sort()).toEqual(['doorstroom.dossier', 'participatie.inkomen', 'participatie.traject']);
    expect(a.grondslag.artikel).not.toMatch(/^wet Van school naar duurzaam werk/i);
  });

  it('treats youth protection and juvenile probation as criminal-law data: granted only with an AVG art. 10 basis', () => {
    expect(r.categorieen.get('zorg.justitieel')).toMatchObject({ strafrechtelijk: true });
    const granting = [...new Set(r.activiteiten.map((a) => a.id))].map(inForce).filter((a) => a && [...a.categorieen, ...a.metToestemming].includes('zorg.justitieel'));
    expect(granting.map((a) => a.id).sort()).toEqual(['inzage-betrokkene', 'wmo-jeugd-toegang']);
    for (const a of granting) expect(a.grondslag.avg10).toEqual(expect.any(String));
    const without = text.replace(/\n {6}avg10: [^\n]+/, '');
    expect(problemsOf(without)).toEqual([expect.stringMatching(/wmo-jeugd-toegang@2 grants criminal-law data \(zorg\.justitieel\) without an AVG art\. 10 basis/)]);
  });

  it('names a controller for every activity, and a register without one does not load', () => {
    expect(r.activiteiten.every((a) => a.verwerkingsverantwoordelijke.length > 0)).toBe(true);
    const without = text.replace(/\n {4}verwerkingsverantwoordelijke: [^\n]+/, '');
    expect(problemsOf(without)).toEqual([expect.stringMatching(/must have required property 'verwerkingsverantwoordelijke'/)]);
  });

  it('keeps every personal category of every activity in force either granted or consent-based, never both', () => {
    for (const id of new Set(r.activiteiten.map((a) => a.id))) {
      const a = inForce(id);
      if (!a) continue; // an activity that starts later (pro-vso-nazorg, 2026-12-01)
      expect(a.categorieen.filter((c) => a.metToestemming.includes(c))).toEqual([]);
      expect([...a.categorieen, ...a.metToestemming].every((c) => r.categorieen.has(c))).toBe(true);
    }
    expect(personal.length).toBeGreaterThan(10);
  });
});

/**
 * The law in force (Wet van school naar duurzaam werk, Kamerstuk 36667, in force since 2026-01-01),
 * as the register adopted for 2026-12-01 must reflect it. The laws and articles below are this
 * test's own list, written from the statute book, not from the register.
 */
const WETTEN_IN_WERKING = ['Wet educatie en beroepsonderwijs', 'Wet voortgezet onderwijs 2020', 'Wet op de expertisecentra', 'Leerplichtwet 1969', 'Participatiewet', 'Jeugdwet', 'Wet maatschappelijke ondersteuning 2015',
  'Wet basisregistratie personen', 'Algemene verordening gegevensbescherming', 'Uitvoeringswet Algemene verordening gegevensbescherming'];

describe('the register re-based on the law in force (versions in force on 2026-12-01)', () => {
  const r = loadRegister();
  const inForce = (id: string) => huidigeVersie(r, id, '2026-12-01')!;
  const ids = [...new Set(r.activiteiten.map((a) => a.id))];

  it('ties every activity to at least one article of a law in force, and none to a bill', () => {
    for (const id of ids) {
      const a = inForce(id);
      expect([id, WETTEN_IN_WERKING.some((w) => a.grondslag.wet.includes(w))]).toEqual([id, true]);
      expect([id, /art\. \d/.test(a.grondslag.artikel)]).toEqual([id, true]);
      expect([id, /wetsvoorstel|volgt pas uit/i.test(a.grondslag.artikel)]).toEqual([id, false]);
    }
  });

  it('rests re-integration on Participatiewet art. 7a with the exclusion where it belongs (art. 13 lid 2 onder c) and asks no consent for care data', () => {
    const a = inForce('reintegratie-participatiewet');
    expect(a.grondslag.artikel).toMatch(/art\. 7a.*art\. 8a.*art\. 13 lid 2 onder c/);
    expect(a.grondslag.artikel).not.toMatch(/art\. 7 lid 3 onder a/);
    expect(a.voorwaarden.uitsluiting).toBeUndefined(); // art. 7a: support also for those who can still go to school
    expect([...a.categorieen, ...a.metToestemming].filter((c) => c.startsWith('zorg.'))).toEqual([]);
    expect(a.grondslag.avg9).toBeUndefined();
  });

  it('lets the Doorstroompunt cite the law in force, use no care data for the out-of-sight list, and not read nationality', () => {
    const a = inForce('doorstroompunt-begeleiding');
    expect(a.grondslag.wet).toMatch(/Wet van school naar duurzaam werk/);
    expect(a.afgeleid.flatMap((x) => x.categorieen).filter((c) => c.startsWith('zorg.'))).toEqual([]);
    expect([...a.categorieen, ...a.metToestemming].filter((c) => r.categorieen.get(c)?.bijzonder)).toEqual([]);
    expect(a.uitgezonderd).toContain('Jongere.nationaliteiten');
  });

  it('keeps youth protection (civil law) apart from juvenile probation (criminal law, AVG art. 10)', () => {
    expect(r.categorieen.get('zorg.jeugdbescherming')?.strafrechtelijk).toBeFalsy();
    expect(r.categorieen.get('zorg.justitieel')).toMatchObject({ strafrechtelijk: true });
    expect(r.categorieen.get('zorg.justitieel')!.omschrijving).not.toMatch(/jeugdbescherming/i);
    const wmo = inForce('wmo-jeugd-toegang');
    expect(wmo.categorieen).toEqual(expect.arrayContaining(['zorg.jeugdbescherming', 'zorg.justitieel']));
    expect(wmo.grondslag.avg10).toMatch(/jeugdreclassering/);
    expect(wmo.grondslag.avg10).not.toMatch(/jeugdbescherming/);
    expect(wmo.grondslag.artikel).toMatch(/Jeugdwet art\. 2\.4/);
  });

  it('gives monitoring the ground for statistics on special-category data and a DPIA, and the leerplichtambtenaar the startkwalificatie', () => {
    const m = inForce('regionale-monitoring');
    expect(m.grondslag.avg9).toMatch(/art\. 9 lid 2 onder j.*UAVG art\. 24/);
    const dpia = m.grondslag.artikel.match(/docs\/[a-z-]+\.md/)![0];
    expect(readFileSync(dpia.replace(/^docs/, `${__dirname}/../docs`), 'utf8')).toMatch(/DPIA/);
    const l = inForce('leerplicht-handhaving');
    expect(l.categorieen).toContain('onderwijs.resultaat');
    expect(l.grondslag.artikel).toMatch(/art\. 4a/);
  });

  it('says the Jongerenloket rests on a decision of the college, not a statute, and on demonstrable consent', () => {
    const a = inForce('jongerenloket-intake');
    expect(a.grondslag.wet).toMatch(/besluit van het college/);
    expect(a.grondslag.artikel).toMatch(/art\. 7 lid 1/);
    expect(a.categorieen.sort()).toEqual(['identificatie', 'toestemming', 'woonadres']);
  });

  it('keeps the earlier versions readable for the audit records that point at them', () => {
    for (const [id, versie] of [['doorstroompunt-begeleiding', 4], ['reintegratie-participatiewet', 2], ['wmo-jeugd-toegang', 2]] as const) {
      expect(r.activiteiten.find((a) => a.id === id && a.versie === versie)?.uri).toMatch(new RegExp(`/${id}/versies/${versie}$`));
    }
  });
});

describe('register of processing activities', () => {
  it('loads the shipped example register with the activities the demo needs', () => {
    const r = loadRegister();
    expect([...new Set(r.activiteiten.map((a) => a.id))].sort()).toEqual(['doorstroompunt-begeleiding', 'inzage-betrokkene', 'jongerenloket-intake',
      'leerplicht-handhaving', 'mbo-nazorg', 'pro-vso-nazorg', 'regionale-monitoring', 'reintegratie-participatiewet', 'toezicht-fg', 'wmo-jeugd-toegang']);
    expect(r.activiteiten[0].uri).toBe('https://register.jongeren-federatie.example/verwerkingsactiviteiten/doorstroompunt-begeleiding/versies/1');
  });

  it('refuses an unknown category, naming the line', () => {
    const bad = text.replace('categorieen: [identificatie, woonadres, onderwijs.inschrijving, verzuim, vsv]', 'categorieen: [identificatie, schoenmaat]');
    const lineNo = bad.split('\n').findIndex((l) => l.includes('schoenmaat')) + 1;
    expect(problemsOf(bad)).toEqual([`line ${lineNo}: unknown category "schoenmaat" in leerplicht-handhaving@1`]);
  });

  it('refuses an unknown role, naming the line', () => {
    const bad = text.replace('rollen: [werkcoach]', 'rollen: [tovenaar]');
    const lineNo = bad.split('\n').findIndex((l) => l.includes('tovenaar')) + 1;
    expect(problemsOf(bad)).toEqual([`line ${lineNo}: unknown role "tovenaar" in reintegratie-participatiewet@1`]);
  });

  it('refuses a duplicate id@versie', () => {
    const bad = text.replace('  - id: leerplicht-handhaving\n    versie: 1', '  - id: doorstroompunt-begeleiding\n    versie: 1');
    expect(problemsOf(bad)).toEqual([expect.stringMatching(/^line \d+: duplicate activity doorstroompunt-begeleiding@1$/)]);
  });

  it('refuses an unknown field but accepts a category granted to nobody', () => {
    const fields = new Set(['Jongere.nationaliteiten', 'Jongere.overlijdensdatum']);
    expect(problemsOf(text, fields)).toEqual([]);
    const bad = text.replace('uitgezonderd: [Jongere.nationaliteiten,', 'uitgezonderd: [Jongere.schoenmaat,');
    expect(problemsOf(bad, fields)).toEqual([expect.stringMatching(/^line \d+: unknown field "Jongere.schoenmaat" in mbo-nazorg@1$/)]);
  });

  it('refuses special category data without an AVG art. 9 exception', () => {
    const bad = text.replace(/\n {6}avg9: "AVG art\. 9 lid 2 onder h[^\n]*/, '');
    expect(problemsOf(bad)).toEqual([expect.stringMatching(/wmo-jeugd-toegang@1 grants special category data \(zorg\.indicatie, zorg\.detail\) without an AVG art\. 9 exception/)]);
  });

  it('refuses schema violations with the line of the offending value', () => {
    const bad = text.replace('      avg6: c\n    rollen: [leerplichtambtenaar]', '      avg6: z\n    rollen: [leerplichtambtenaar]');
    const lineNo = bad.split('\n').findIndex((l) => l.includes('avg6: z')) + 1;
    expect(problemsOf(bad)[0]).toMatch(new RegExp(`^line ${lineNo}: /activiteiten/1/grondslag/avg6 must be equal to one of the allowed values`));
  });

  it('refuses YAML it cannot read, naming the line', () => {
    expect(problemsOf('register:\n  naam: [unclosed\n')[0]).toMatch(/^line \d+:/);
  });
});

describe('activity references (id@versie)', () => {
  it('parses "id" and "id@versie", formats a version, and refuses anything else', () => {
    expect(parseActiviteitRef('mbo-nazorg')).toEqual({ id: 'mbo-nazorg' });
    expect(parseActiviteitRef(' mbo-nazorg@4 ')).toEqual({ id: 'mbo-nazorg', versie: 4 });
    for (const fout of ['', 'MBO', 'mbo@0', 'mbo@x', 'mbo@4@5', '-mbo', 'mbo nazorg']) expect([fout, parseActiviteitRef(fout)]).toEqual([fout, null]);
    expect(activiteitRef({ id: 'mbo-nazorg', versie: 4 })).toBe('mbo-nazorg@4');
    expect(parseActiviteitRef(activiteitRef({ id: 'pro-vso-nazorg', versie: 1 }))).toEqual({ id: 'pro-vso-nazorg', versie: 1 });
  });
});
