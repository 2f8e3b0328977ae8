import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, type Identity } from '../support/system';

/** The regional programme's own records through the graph: edited by the contactgemeente, read by the region's analysts. */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { seed: 20260101, size: 2000, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

const analist = (org: string): Identity => ({ role: 'bi-analist', org, activity: 'regionale-monitoring', sub: `analist-${org}` });
const VAST = `mutation ($invoer: MaatregelInvoer!) { legMaatregelVast(regio: "DP-HAAGLANDEN", invoer: $invoer) { id naam partners budget regionaalAandeel bijgewerktDoor } }`;
const maatregel = { naam: 'Jongerenpunt070 op school', omschrijving: 'Spreekuur van het Jongerenpunt op drie mbo-locaties', partners: ['ROC Mondriaan', 'UWV', 'Jongerenpunt070'], budget: 250_000, regionaalAandeel: 75_000 };

it('lets the contactgemeente record measures and results, and every analyst of the region read the programme with its totals', async () => {
  const dp = system.population.regions.get('DP-HAAGLANDEN')!;
  expect(dp.contactgemeente).toBe('GM0518');
  const lid = dp.gemeenten.find((g) => g !== 'GM0518')!;
  const m = await gqlAs(system, analist('GM0518'), VAST, { invoer: maatregel });
  expect(m.body.data.legMaatregelVast).toMatchObject({ naam: maatregel.naam, partners: maatregel.partners, budget: 250000, regionaalAandeel: 75000, bijgewerktDoor: 'analist-GM0518' });
  const id = m.body.data.legMaatregelVast.id;
  await gqlAs(system, analist('GM0518'), VAST, { invoer: { ...maatregel, naam: 'Werkgeversaanpak', partners: ['Werkgeversservicepunt Haaglanden'], budget: 100_000, regionaalAandeel: 100_000 } });
  const r = await gqlAs(system, analist('GM0518'), 'mutation ($id: ID!) { legResultaatVast(maatregel: $id, invoer: { periode: "2026-K3", omschrijving: "Jongeren gesproken", aantal: 140 }) { resultaten { periode aantal } } }', { id });
  // A count of people is published perturbed (docs/monitor.md: at most 3 either way), to the recording analyst too.
  const [resultaat] = r.body.data.legResultaatVast.resultaten;
  expect(resultaat.periode).toBe('2026-K3');
  expect(Math.abs(resultaat.aantal - 140)).toBeLessThanOrEqual(3);
  // A member municipality's analyst reads it, totals included, but does not edit it.
  const lees = await gqlAs(system, analist(lid), '{ regio(code: "DP-HAAGLANDEN") { programma { contactgemeente budget regionaalAandeel maatregelen { naam resultaten { periode omschrijving aantal } } } } }');
  expect(lees.body.data.regio.programma).toMatchObject({ contactgemeente: 'GM0518', budget: 350000, regionaalAandeel: 175000 });
  expect(lees.body.data.regio.programma.maatregelen.map((x: { naam: string }) => x.naam).sort()).toEqual(['Jongerenpunt070 op school', 'Werkgeversaanpak']);
  expect((await gqlAs(system, analist(lid), VAST, { invoer: maatregel })).body.errors?.[0]?.extensions?.code).toBe('OUT_OF_SCOPE');
  // An analyst elsewhere reads neither.
  expect((await gqlAs(system, analist('GM0114'), '{ regio(code: "DP-HAAGLANDEN") { programma { budget } } }')).body.errors?.[0]?.extensions?.code).toBe('OUT_OF_SCOPE');
});

it('validates measures and results with stable codes', async () => {
  const code = async (invoer: Record<string, unknown>) => (await gqlAs(system, analist('GM0518'), VAST, { invoer: { ...maatregel, ...invoer } })).body.errors?.[0]?.extensions;
  expect(await code({ regionaalAandeel: 300_000 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.regionaalAandeel' });
  expect(await code({ budget: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.budget' });
  expect(await code({ partners: [] })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.partners' });
  expect(await code({ naam: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.naam' });
  expect(await code({ id: 'bestaat-niet' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.id' });
  const m = await gqlAs(system, analist('GM0518'), VAST, { invoer: maatregel });
  const res = await gqlAs(system, analist('GM0518'), 'mutation ($id: ID!) { legResultaatVast(maatregel: $id, invoer: { periode: "2026-10-15", omschrijving: "x" }) { id } }', { id: m.body.data.legMaatregelVast.id });
  expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PERIODE' });
});

it('refuses programme texts that name a person: a BSN in any notation, or the name of a young person of the area, in any field', async () => {
  const code = async (invoer: Record<string, unknown>) => (await gqlAs(system, analist('GM0518'), VAST, { invoer: { ...maatregel, ...invoer } })).body.errors?.[0]?.extensions;
  const p = [...system.population.persons()].find((x) => x.gemeenteCode === 'GM0518' && !x.voorvoegsel)!;
  const eerste = p.voornamen.split(' ')[0];
  expect(await code({ omschrijving: `Gesprek met ${p.bsn} over school` })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.omschrijving', rule: 'PERSOONSGEGEVEN_IN_TEKST' });
  expect(await code({ naam: `Traject ${p.bsn.slice(0, 4)}.${p.bsn.slice(4, 6)}.${p.bsn.slice(6)}` })).toMatchObject({ rule: 'PERSOONSGEGEVEN_IN_TEKST', argument: 'invoer.naam' });
  expect(await code({ omschrijving: `Extra begeleiding voor ${eerste} ${p.geslachtsnaam.toUpperCase()} na uitval` })).toMatchObject({ rule: 'PERSOONSGEGEVEN_IN_TEKST', argument: 'invoer.omschrijving' });
  expect(await code({ partners: ['ROC Mondriaan', `${eerste} ${p.geslachtsnaam}`] })).toMatchObject({ rule: 'PERSOONSGEGEVEN_IN_TEKST', argument: 'invoer.partners' });
  const m = await gqlAs(system, analist('GM0518'), VAST, { invoer: maatregel });
  const res = await gqlAs(system, analist('GM0518'), 'mutation ($id: ID!, $o: String!) { legResultaatVast(maatregel: $id, invoer: { periode: "2026-K3", omschrijving: $o, aantal: 12 }) { id } }',
    { id: m.body.data.legMaatregelVast.id, o: `Onder wie ${p.voornamen} ${p.geslachtsnaam}` });
  expect(res.body.errors?.[0]?.extensions).toMatchObject({ rule: 'PERSOONSGEGEVEN_IN_TEKST', argument: 'invoer.omschrijving' });
  // Ordinary texts, numbers that are not a BSN, and a surname alone pass.
  expect((await gqlAs(system, analist('GM0518'), VAST, { invoer: { ...maatregel, omschrijving: `Bereik 123456789 keer, samen met ${p.geslachtsnaam} Techniek` } })).body.errors).toBeUndefined();
});

it('publishes a programme result that counts people like a figure: perturbed by its own key, small values not published, under one symbol', async () => {
  // docs/monitor.md: noise of at most 3 (never more than the count), perturbed values 1-9 not shown (MONITOR_DREMPEL 10).
  const m = await gqlAs(system, analist('GM0518'), VAST, { invoer: { ...maatregel, naam: 'Kleine aantallen' } });
  const id = m.body.data.legMaatregelVast.id;
  const aantallen: [string, number | null][] = [['2026-07', 0], ['2026-08', 1], ['2026-09', 9], ['2026-10', 10], ['2026-06', 250], ['2026-K2', null]];
  for (const [periode, aantal] of aantallen) {
    const r = await gqlAs(system, analist('GM0518'), 'mutation ($id: ID!, $p: String!, $a: Int) { legResultaatVast(maatregel: $id, invoer: { periode: $p, omschrijving: "Jongeren gesproken", aantal: $a }) { id } }', { id, p: periode, a: aantal });
    expect(r.body.errors).toBeUndefined();
  }
  const lid = system.population.regions.get('DP-HAAGLANDEN')!.gemeenten.find((g) => g !== 'GM0518')!;
  // As an attacker: the region's other analyst, and the contactgemeente itself, read the same protected values.
  const gelezen: unknown[] = [];
  for (const wie of [analist(lid), analist('GM0518')]) {
    const lees = await gqlAs(system, wie, '{ regio(code: "DP-HAAGLANDEN") { programma { maatregelen { naam resultaten { periode aantal onderdrukt } } } } }');
    const resultaten: { periode: string; aantal: number | null; onderdrukt: boolean }[] = lees.body.data.regio.programma.maatregelen.find((x: { naam: string }) => x.naam === 'Kleine aantallen').resultaten;
    for (const [periode, echt] of aantallen) {
      const r = resultaten.find((x) => x.periode === periode)!;
      expect([periode, r.onderdrukt]).toEqual([periode, r.aantal === null && echt !== null]);
      if (echt === null) { expect(r.aantal).toBeNull(); continue; }
      if (r.aantal === null) { expect([periode, echt > 0 && echt < 13]).toEqual([periode, true]); continue; } // perturbed into 1..9
      expect([periode, r.aantal > 0 && r.aantal < 10]).toEqual([periode, false]);
      expect([periode, Math.abs(r.aantal - echt) <= Math.min(echt, 3)]).toEqual([periode, true]);
    }
    expect(resultaten.find((x) => x.periode === '2026-07')).toEqual({ periode: '2026-07', aantal: 0, onderdrukt: false });
    gelezen.push(resultaten);
  }
  expect(gelezen[1]).toEqual(gelezen[0]); // the same key, the same noise, for everyone
});
