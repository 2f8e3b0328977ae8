import { createSimulatorServer, problem, type SimulatorServer } from '../../lib/http/http';
import type { Population } from '../../population/generator';
import { badBsnList, bsnList } from '../requests';
import { countPerGemeente } from '../counts';

/** Simulated Participatiewet suite (see its spec in adapters/participatie/referentie). */
export function createParticipatieSimulator(population: Population): SimulatorServer {
  const counts = countPerGemeente(population, (p) => ({
    metUitkering: p.participatie.uitkering ? 1 : 0,
    metTraject: p.participatie.trajecten.some((t) => t.einddatum === null) ? 1 : 0,
    jongerenInBeeld: p.participatie.jongerenInBeeld ? 1 : 0,
  }));
  return createSimulatorServer('participatie', [
    {
      method: 'POST',
      path: '/klanten/opvragen',
      handle({ body }) {
        const bsns = bsnList(body);
        if (!bsns) return badBsnList();
        const klanten = bsns.flatMap((bsn) => {
          const p = population.byBsn(bsn);
          if (!p) return [];
          const { uitkering, trajecten, jongerenInBeeld, werk } = p.participatie;
          return uitkering || trajecten.length || jongerenInBeeld || werk.length ? [{ bsn, uitkering, trajecten, jongerenInBeeld, dienstverbanden: werk }] : [];
        });
        return { body: { klanten } };
      },
    },
    {
      method: 'GET',
      path: '/aantallen',
      handle({ query }) {
        const gemeente = query.get('gemeente') ?? '';
        if (!/^GM\d{4}$/.test(gemeente)) return problem(400, 'Invalid request', 'gemeente must be a GMxxxx code', 'GEMEENTE');
        const c = counts().get(gemeente) ?? { metUitkering: 0, metTraject: 0, jongerenInBeeld: 0 };
        return { body: { gemeente, ...c } };
      },
    },
  ], [counts]);
}
