import { createSimulatorServer, problem, type SimulatorServer } from '../../lib/http/http';
import type { Population } from '../../population/generator';
import { Leveringen } from './levering';

/**
 * Simulated DUO deliveries to the RMC function (see the spec in adapters/onderwijs/duo-levering):
 * the index of C- and P-leveringen per afnemer, the files, and a C-levering on request.
 */
export function createDuoSimulator(population: Population): SimulatorServer {
  const leveringen = new Leveringen(population);
  const afnemerFout = (afnemer: string | null) => (afnemer && leveringen.isAfnemer(afnemer) ? null
    : problem(400, 'Invalid request', `afnemer must be a Doorstroompunt region or municipality code of the area; received "${afnemer ?? ''}"`, 'AFNEMER'));
  return createSimulatorServer('duo', [
    {
      method: 'GET',
      path: '/leveringen',
      handle({ query }) {
        const afnemer = query.get('afnemer');
        return afnemerFout(afnemer) ?? { body: { leveringen: leveringen.index(afnemer!) } };
      },
    },
    {
      method: 'POST',
      path: '/leveringen/volledig',
      handle({ body }) {
        const afnemer = typeof (body as { afnemer?: unknown } | undefined)?.afnemer === 'string' ? (body as { afnemer: string }).afnemer : null;
        return afnemerFout(afnemer) ?? { status: 201, body: { levering: leveringen.volledig(afnemer!) } };
      },
    },
    {
      method: 'GET',
      path: '/leveringen/{id}',
      handle({ params }) {
        const file = leveringen.file(params.id);
        return file === undefined ? problem(404, 'No such delivery', params.id) : { contentType: 'text/csv; charset=utf-8', body: file };
      },
    },
  ], [() => population.regions.all('DOORSTROOMPUNTREGIO').map((r) => leveringen.index(r.code))]);
}
