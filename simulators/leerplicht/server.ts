import { createSimulatorServer, problem, type SimulatorServer } from '../../lib/http/http';
import { heeftStartkwalificatie, type Population } from '../../population/generator';
import { badBsnList, bsnList } from '../requests';
import { Jongerenregister, type Zoekopdracht } from './register';

const STATUS = new Set(['AANGEMELD', 'ACTIEF', 'AFGESLOTEN']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Simulated leerplicht/Doorstroompunt case system (see its spec in adapters/leerplicht/referentie). */
export function createLeerplichtSimulator(population: Population): SimulatorServer {
  let register: Jongerenregister | undefined;
  const jongerenregister = () => (register ??= new Jongerenregister(population));
  return createSimulatorServer('leerplicht', [
    {
      method: 'POST',
      path: '/jongeren/zoeken',
      handle({ body }) {
        const q = validateZoek(body);
        if (typeof q === 'string') return problem(400, 'Invalid search', q, 'ZOEKOPDRACHT');
        const result = jongerenregister().zoek(q);
        return { body: { totaal: result.totaal, meer: result.meer, jongeren: result.bsns.map((bsn) => ({ bsn })) } };
      },
    },
    {
      method: 'POST',
      path: '/dossiers/opvragen',
      handle({ body }) {
        const bsns = bsnList(body);
        if (!bsns) return badBsnList();
        const dossiers = bsns.flatMap((bsn) => {
          const p = population.byBsn(bsn);
          if (!p) return [];
          const { verzuimmeldingen, vsvMeldingen, trajecten } = p.leerplicht;
          return [{ bsn, gemeente: p.gemeenteCode, startkwalificatie: heeftStartkwalificatie(p), verzuimmeldingen, vsvMeldingen, trajecten }];
        });
        return { body: { dossiers } };
      },
    },
  ], [jongerenregister]);
}

/** The search, or the rule it breaks. */
function validateZoek(body: unknown): Zoekopdracht | string {
  const q = (body ?? {}) as Record<string, unknown>;
  const bad = (detail: string) => detail;
  if (!Number.isInteger(q.limiet) || (q.limiet as number) < 0 || (q.limiet as number) > 1000) return bad('limiet must be an integer 0..1000');
  if (q.gemeenten !== undefined && (!Array.isArray(q.gemeenten) || !q.gemeenten.every((g) => typeof g === 'string' && /^GM\d{4}$/.test(g)))) return bad('gemeenten must be GMxxxx codes');
  for (const key of ['geboortedatumVanaf', 'geboortedatumTot'] as const) {
    if (q[key] !== undefined && (typeof q[key] !== 'string' || !DATE.test(q[key] as string))) return bad(`${key} must be a date`);
  }
  if (q.status !== undefined && !STATUS.has(q.status as string)) return bad('unknown status');
  if (q.zonderStartkwalificatie !== undefined && typeof q.zonderStartkwalificatie !== 'boolean') return bad('zonderStartkwalificatie must be boolean');
  if (q.na !== undefined && (typeof q.na !== 'string' || !/^\d{9}$/.test(q.na))) return bad('na must be a BSN');
  return q as unknown as Zoekopdracht;
}
