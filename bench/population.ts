import { Population } from '../population/generator';
import { mb, printTable } from './table';

/**
 * Streams populations of growing size through the generator and reports time and the peak
 * heap: people are generated on demand, so the peak should not grow with the size.
 */
export async function benchPopulation(sizes: number[]): Promise<void> {
  const rows = [];
  for (const size of sizes) {
    global.gc?.();
    const start = process.hrtime.bigint();
    const population = new Population({ size, seed: 42, peildatum: '2026-11-01' });
    let peakHeap = 0;
    let withoutSk = 0;
    let i = 0;
    for (const p of population.persons()) {
      if (p.onderwijs.diplomas.length === 0) withoutSk++;
      if (++i % 50_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rows.push({ people: population.size, seconds: seconds.toFixed(1), 'people/s': Math.round(population.size / seconds),
      'peak heap MB': mb(peakHeap), 'rss MB': mb(process.memoryUsage().rss), 'no diploma': withoutSk });
  }
  printTable('Synthetic population: streaming generation', rows);
}
