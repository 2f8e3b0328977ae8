import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, listen } from '../../lib/http/http';
import { Population } from '../../population/generator';
import { OpenApiValidator } from '../../test/support/openapi';
import { autorisatiesUitBestand } from './autorisatie-bestand';
import { FEATURE_CASES, runFeatureCases } from './feature-cases';
import { createBrpSimulator } from './server';
import { withoutKnownSpecConflicts } from './spec-conflicts';

/**
 * RvIG's feature cases (feature-cases.ts, each named `<feature file>: <scenario>`) against the
 * simulator, as an afnemer that a BRP_AUTORISATIES file authorises for every rubriek — the way
 * `npm run brp:features` runs them and a vendor would against their own instance. Every answer is
 * also checked against the real OpenAPI spec.
 */
const validator = new OpenApiValidator(join(__dirname, '..', '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml'));
const ALLES = '00000099000000000001';
const ALLEEN_BSN = '00000099000000000002';
const dir = mkdtempSync(join(tmpdir(), 'brp-feature-cases-'));
const file = join(dir, 'autorisaties.json');
writeFileSync(file, JSON.stringify({ [ALLES]: ['*'], [ALLEEN_BSN]: ['10120'] }));
// The day the cases are run on: the data cases hold for years (their minors are born in 2010 or later).
const sim = createBrpSimulator(new Population({ size: 100, seed: 9, peildatum: '2026-11-01' }), () => new Date('2026-12-08T12:00:00Z'), { autorisaties: autorisatiesUitBestand(file) });
let url: string;
beforeAll(async () => { url = await listen(sim.server); });
afterAll(async () => { await close(sim.server); rmSync(dir, { recursive: true, force: true }); });

it('holds at least the 54 cases the issue counts', () => {
  expect(FEATURE_CASES.length).toBeGreaterThanOrEqual(54);
  expect(new Set(FEATURE_CASES.map((c) => `${c.feature}: ${c.scenario}`)).size).toBe(FEATURE_CASES.length);
});

describe('with every rubriek granted', () => {
  it.each(FEATURE_CASES.map((c) => [`${c.feature}: ${c.scenario}`, c] as const))('%s', async (_naam, c) => {
    const [result] = await runFeatureCases(url, { oin: ALLES, cases: [c] });
    expect(result.melding).toBeUndefined();
    // The personen answers against the real spec (the historie API's spec is not in this repository).
    if (c.endpoint === 'verblijfplaatshistorie') return;
    const res = await fetch(`${url}/haalcentraal/api/brp/personen`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-origin-oin': ALLES }, body: JSON.stringify(c.request) });
    const type = res.status === 200 ? 'application/json; charset=utf-8' : 'application/problem+json';
    expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', res.status, type, await res.json()))).toEqual([]);
  });
});

it('fails the data cases for an afnemer authorised for the BSN only (403), so a case can fail', async () => {
  const results = await runFeatureCases(url, { oin: ALLEEN_BSN });
  const gefaald = results.filter((r) => !r.ok);
  // Every case that asks a field beyond burgerservicenummer, searches on gemeenteVanInschrijving (80910) or asks the address history; the fault cases still pass.
  const verwacht = FEATURE_CASES.filter((c) => c.expected.status === 200 && (c.endpoint === 'verblijfplaatshistorie'
    || (c.request.fields as string[]).some((f) => f !== 'burgerservicenummer') || c.request.gemeenteVanInschrijving !== undefined));
  expect(gefaald.map((r) => r.naam).sort()).toEqual(verwacht.map((c) => `${c.feature}: ${c.scenario}`).sort());
  for (const r of gefaald) expect(r.melding).toMatch(/^status 403, expected 200: .*"code":"unauthorized(Field|Parameter)?"/);
});
