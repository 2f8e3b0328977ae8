import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOELEN, meet, percentage } from './calibration';
import { DEFAULT_POPULATION, Population } from './generator';

/**
 * The default population (the one `npm start` serves) against the public figures of
 * docs/population.md: every share within its tolerance. The shares are counted from the
 * generator's ground truth; the targets come from their sources, not from the generator.
 */
const population = new Population();
const metingen = meet(population.persons(), population.peildatum, population.regions);

describe('population calibration (npm run population:report)', () => {
  it('runs on the default population', () => {
    expect([population.seed, population.syntheticSize, population.peildatum]).toEqual([DEFAULT_POPULATION.seed, DEFAULT_POPULATION.size, DEFAULT_POPULATION.peildatum]);
  });

  it.each(DOELEN.map((d) => [d.id, d] as const))('%s is within its tolerance', (_id, doel) => {
    const m = metingen.get(doel.id)!;
    expect(m.noemer).toBeGreaterThan(50);
    const gemeten = percentage(m);
    expect({ id: doel.id, gemeten: Number(gemeten.toFixed(1)), binnen: Math.abs(gemeten - doel.doel) <= doel.marge })
      .toEqual({ id: doel.id, gemeten: Number(gemeten.toFixed(1)), binnen: true });
  });

  it('lists every target with its source in docs/population.md', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'population.md'), 'utf8');
    for (const d of DOELEN) expect(doc).toContain(`| ${d.omschrijving} |`);
  });

  it('makes the vulnerable less likely to consent than the others', () => {
    expect(percentage(metingen.get('toestemming-kwetsbaar')!)).toBeLessThan(percentage(metingen.get('toestemming-overig')!) - 20);
  });
});
