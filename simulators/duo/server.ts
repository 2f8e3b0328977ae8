import { createSimulatorServer, problem, type SimulatorServer } from '../../lib/http';
import type { Population } from '../../population/generator';
import { Leveringen } from './levering';

/** Simulated DUO-like education feed (see its spec in adapters/onderwijs/duo-levering). */
export function createDuoSimulator(population: Population): SimulatorServer {
  const leveringen = new Leveringen(population);
  return createSimulatorServer('duo', [
    { method: 'GET', path: '/leveringen', handle: () => ({ body: { leveringen: leveringen.index() } }) },
    {
      method: 'GET',
      path: '/leveringen/{id}',
      handle({ params }) {
        const file = leveringen.file(params.id);
        return file === undefined ? problem(404, 'No such delivery', params.id) : { contentType: 'text/csv; charset=utf-8', body: file };
      },
    },
  ], [() => leveringen.index()]);
}
