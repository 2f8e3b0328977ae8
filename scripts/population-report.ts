import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOELEN, meet, percentage } from '../population/calibration';
import { DEFAULT_POPULATION, Population } from '../population/generator';

/**
 * `npm run population:report [-- --size N --seed S] [--write-docs]`: measured shares of the
 * default population next to the public targets of population/calibration.ts; with
 * --write-docs the table replaces the generated section of docs/population.md.
 */
const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const population = new Population({ size: Number(arg('size') ?? DEFAULT_POPULATION.size), seed: Number(arg('seed') ?? DEFAULT_POPULATION.seed) });
const metingen = meet(population.persons(), population.peildatum, population.regions);
const fmt = (x: number) => x.toFixed(1).replace('.', ',');
const rows = DOELEN.map((d) => {
  const m = metingen.get(d.id)!;
  const gemeten = percentage(m);
  return { ...d, gemeten, n: m.noemer, binnen: Math.abs(gemeten - d.doel) <= d.marge };
});
const table = ['| meting | doel | marge | gemeten | n | bron |', '|---|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.omschrijving} | ${fmt(r.doel)}% | ±${fmt(r.marge)} | ${fmt(r.gemeten)}%${r.binnen ? '' : ' **buiten marge**'} | ${r.n} | ${r.bron} |`)].join('\n');
console.log(`Population: ${population.size} people (seed ${population.seed}, peildatum ${population.peildatum})\n`);
console.table(rows.map((r) => ({ meting: r.id, doel: r.doel, marge: r.marge, gemeten: Number(r.gemeten.toFixed(1)), n: r.n, binnen: r.binnen })));
if (process.argv.includes('--write-docs')) {
  const file = join(__dirname, '..', 'docs', 'population.md');
  const text = readFileSync(file, 'utf8');
  const begin = '<!-- population:report begin -->';
  const end = '<!-- population:report end -->';
  const header = `Measured on the default population (${population.size} people, seed ${population.seed}, peildatum ${population.peildatum}) by \`npm run population:report -- --write-docs\`.`;
  writeFileSync(file, `${text.slice(0, text.indexOf(begin) + begin.length)}\n${header}\n\n${table}\n${text.slice(text.indexOf(end))}`);
  console.log(`wrote the table into ${file}`);
}
if (rows.some((r) => !r.binnen)) process.exitCode = 1;
