import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { close, listen } from '../lib/http/http';
import { Population } from '../population/generator';
import { createSimulator } from '../simulators';
import { BRP, GELEVERDE_ADAPTERS } from './doelen';
import { HANGT, VERKEERDE_MAPPING, ZONDER_BATCHING } from './kapot';
import type { FeedDoel } from './feed';
import { controleer, controleerAdapter, type Doel, type Uitslag } from './suite';

/**
 * The conformance suite (npm run conformance) on every shipped adapter, each against its own
 * simulator, and on the deliberately broken adapters, which must fail exactly where they are
 * broken and say what to fix.
 */
const population = new Population({ size: 1_000, seed: 7, peildatum: '2026-11-01' });

async function tegenSimulator(doel: Doel<any> | FeedDoel): Promise<Uitslag[]> {
  const sim = createSimulator(doel.simulator, population, () => new Date('2026-11-01T12:00:00Z'));
  const baseUrl = await listen(sim.server);
  try { return await controleerAdapter(doel, { baseUrl, sim, population }); } finally { await close(sim.server); }
}

const gefaald = (u: Uitslag[]) => u.filter((x) => !x.ok).map((x) => x.check);

describe('the shipped adapters', () => {
  it.each(GELEVERDE_ADAPTERS.map((d) => [d.naam, d] as const))('%s passes every check against its simulator, none skipped', async (_naam, doel) => {
    const uitslagen = await tegenSimulator(doel);
    expect(uitslagen.filter((u) => !u.ok || u.overgeslagen)).toEqual([]);
    expect(uitslagen.length).toBeGreaterThanOrEqual(7);
  });
});

describe('deliberately broken adapters fail where they are broken, with what to fix', () => {
  it('a wrong mapping fails the mapping, large-result and diacritics checks, naming the field', async () => {
    const u = await tegenSimulator(VERKEERDE_MAPPING);
    expect(gefaald(u)).toEqual(['mapping: every field as the source holds it (100 people against the ground truth)', 'large results: 500 people in one look-up',
      'diacritics and other scripts in names arrive intact']);
    expect(u.find((x) => x.check.startsWith('mapping'))!.melding).toMatch(/geslachtsnaam is "[^"]+", the source holds "[^"]+".*fix the mapping/);
  });

  it('an adapter without batching fails the batching check: one call per BSN instead of ceil(n / batchSize)', async () => {
    const u = await tegenSimulator(ZONDER_BATCHING);
    expect(gefaald(u)).toEqual(['batching: ceil(n / batchSize) calls, none over the batch size']);
    expect(u.find((x) => !x.ok)!.melding).toBe('41 BSNs took 41 calls; expected 3: send up to batchSize (20) BSNs per call, not one at a time');
  });

  it('a hanging adapter fails the timeout check, and the suite itself does not hang', async () => {
    const u = await tegenSimulator(HANGT);
    expect(gefaald(u)).toEqual(['timeouts: a hanging source is SOURCE_TIMEOUT after timeoutMs']);
    expect(u.find((x) => !x.ok)!.melding).toMatch(/pass an AbortSignal that fires after timeoutMs/);
  }, 120_000);
});

describe("against a vendor's instance (no simulator at hand)", () => {
  it('runs the contract checks and lists the ones that need the simulator as skipped', async () => {
    const sim = createSimulator('brp', population, () => new Date('2026-11-01T12:00:00Z'));
    const baseUrl = await listen(sim.server);
    try {
      const u = await controleer(BRP, { baseUrl });
      expect(u.filter((x) => !x.ok)).toEqual([]);
      expect(u.filter((x) => !x.overgeslagen).map((x) => x.check)).toEqual(['empty input: no call, empty answer', 'batching: ceil(n / batchSize) calls, none over the batch size',
        'unknown BSNs: nobody, not an error', 'diacritics and other scripts in names arrive intact']);
      expect(u.filter((x) => x.overgeslagen).length).toBe(5);
    } finally { await close(sim.server); }
  });
});

describe('npm run conformance', () => {
  it('closes with "conformance: N passed, M failed" and exits non-zero on a failure', () => {
    const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const r = spawnSync(tsx, [join(__dirname, '..', 'scripts', 'conformance.ts'), '--adapter', 'kapot/zonder-batching'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('conformance: 0 passed, 1 failed');
    expect(r.stdout).toMatch(/FAIL kapot\/zonder-batching/);
  }, 150_000);
});
