import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { systemClock, type Clock } from '../../lib/dates';
import { createSimulatorServer, problem, type SimulatorServer } from '../../lib/http';
import type { Population } from '../../population/generator';
import { selectFields, toBrpPersoon } from './persoon';

export const BRP_SPEC = join(__dirname, '..', '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml');

/** The field names a `fields` path may start with: the Persoon properties of the real spec. */
function knownFields(): Set<string> {
  const spec = parse(readFileSync(BRP_SPEC, 'utf8'));
  return new Set(Object.keys(spec.components.schemas.Persoon.properties));
}

/**
 * Simulated BRP (Haal Centraal BRP API Personen v2): `POST /personen` with
 * `RaadpleegMetBurgerservicenummer` (1-20 BSNs) and `fields`. Other search types answer 400,
 * as a provider that does not offer them would. BSNs not in the population are left out.
 */
export function createBrpSimulator(population: Population, clock: Clock = systemClock): SimulatorServer {
  const known = knownFields();
  const json = 'application/json; charset=utf-8';
  return createSimulatorServer('brp', [{
    method: 'POST',
    path: '/personen',
    handle({ body }) {
      const q = body as { type?: string; burgerservicenummer?: unknown; fields?: unknown } | null;
      if (!q || q.type !== 'RaadpleegMetBurgerservicenummer') {
        return problem(400, 'Een of meerdere parameters zijn niet correct.', 'Alleen RaadpleegMetBurgerservicenummer wordt ondersteund.', 'paramsValidation');
      }
      const bsns = q.burgerservicenummer;
      if (!Array.isArray(bsns) || bsns.length < 1 || bsns.length > 20 || !bsns.every((b) => typeof b === 'string' && /^[0-9]{9}$/.test(b))) {
        return problem(400, 'Een of meerdere parameters zijn niet correct.', 'burgerservicenummer moet 1 tot 20 nummers van 9 cijfers bevatten.', 'paramsValidation');
      }
      const fields = q.fields;
      if (!Array.isArray(fields) || fields.length < 1 || fields.length > 130 || !fields.every((f) => typeof f === 'string')) {
        return problem(400, 'Een of meerdere parameters zijn niet correct.', 'fields moet 1 tot 130 paden bevatten.', 'paramsValidation');
      }
      const today = clock();
      const personen = [];
      for (const bsn of new Set(bsns as string[])) {
        const p = population.byBsn(bsn);
        if (!p) continue;
        const result = selectFields(toBrpPersoon(p, population.regions, today), fields as string[], known);
        if ('unknown' in result) {
          return problem(400, 'Een of meerdere parameters zijn niet correct.', `Onbekend veld in fields ${result.unknown}.`, 'paramsValidation');
        }
        personen.push(result.selected);
      }
      return { contentType: json, body: { type: 'RaadpleegMetBurgerservicenummer', personen } };
    },
  }]);
}
