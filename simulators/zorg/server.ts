import { createSimulatorServer, problem, type SimulatorServer } from '../../lib/http/http';
import type { Population } from '../../population/generator';
import type { Zorgtoewijzing } from '../../population/types';
import { countPerGemeente } from '../counts';
import { badBsnList, bsnList } from '../requests';

/** The iJw/iWmo messages an allocation has produced so far. */
function berichten(t: Zorgtoewijzing) {
  const prefix = t.wet === 'JEUGDWET' ? 'JW' : 'WMO';
  return [
    { berichtcode: `${prefix}301`, datum: t.toewijzingsdatum },
    ...(t.startZorg ? [{ berichtcode: `${prefix}305`, datum: t.startZorg }] : []),
    ...(t.stopZorg ? [{ berichtcode: `${prefix}307`, datum: t.stopZorg, ...(t.redenBeeindiging ? { redenBeeindiging: t.redenBeeindiging } : {}) }] : []),
  ];
}

export function toToewijzing(t: Zorgtoewijzing) {
  return {
    toewijzingsnummer: t.id, wet: t.wet,
    productcategorie: { codelijst: t.wet === 'JEUGDWET' ? 'JZ020' : 'WMO020', ...t.productcategorie },
    productcode: t.productcode, omvang: t.omvang, redenWijziging: t.redenWijziging, juridischeStatus: t.juridischeStatus,
    aanbieder: { agbCode: t.aanbieder.agb, naam: t.aanbieder.naam },
    toewijzingsdatum: t.toewijzingsdatum, begindatum: t.begindatum, einddatum: t.einddatum,
    berichten: berichten(t),
  };
}

/** Simulated Wmo/Jeugd registry (see its spec in adapters/zorg/referentie). */
export function createZorgSimulator(population: Population): SimulatorServer {
  const lopend = (t: Zorgtoewijzing) => t.startZorg !== null && t.stopZorg === null;
  const counts = countPerGemeente(population, (p) => ({
    jeugdwet: p.zorg.toewijzingen.some((t) => t.wet === 'JEUGDWET' && lopend(t)) ? 1 : 0,
    wmo: p.zorg.toewijzingen.some((t) => t.wet === 'WMO' && lopend(t)) ? 1 : 0,
  }));
  return createSimulatorServer('zorg', [
    {
      method: 'POST',
      path: '/toewijzingen/opvragen',
      handle({ body }) {
        const bsns = bsnList(body);
        if (!bsns) return badBsnList();
        const clienten = bsns.flatMap((bsn) => {
          const p = population.byBsn(bsn);
          return p && p.zorg.toewijzingen.length ? [{ bsn, toewijzingen: p.zorg.toewijzingen.map(toToewijzing) }] : [];
        });
        return { body: { clienten } };
      },
    },
    {
      method: 'GET',
      path: '/aantallen',
      handle({ query }) {
        const gemeente = query.get('gemeente') ?? '';
        if (!/^GM\d{4}$/.test(gemeente)) return problem(400, 'Invalid request', 'gemeente must be a GMxxxx code', 'GEMEENTE');
        return { body: { gemeente, ...(counts().get(gemeente) ?? { jeugdwet: 0, wmo: 0 }) } };
      },
    },
  ], [counts]);
}
