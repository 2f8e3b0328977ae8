import type { Clock } from '../lib/domain/dates';
import type { SimulatorServer } from '../lib/http/http';
import type { Population } from '../population/generator';
import { autorisatiesUitBestand } from './brp/autorisatie-bestand';
import { createBrpSimulator } from './brp/server';
import { createDuoSimulator } from './duo/server';
import { createLeerplichtSimulator } from './leerplicht/server';
import { createParticipatieSimulator } from './participatie/server';
import { createZorgSimulator } from './zorg/server';

export const SIMULATOR_NAMES = ['brp', 'leerplicht', 'participatie', 'zorg', 'duo'] as const;
export type SimulatorName = (typeof SIMULATOR_NAMES)[number];

/** What a deployment may configure of the simulators. */
export interface SimulatorOptions {
  /** A JSON file with other afnemers' BRP authorisations (`BRP_AUTORISATIES`, simulators/brp/autorisatie-bestand.ts). */
  brpAutorisaties?: string;
}

export function createSimulator(name: SimulatorName, population: Population, clock?: Clock, options: SimulatorOptions = {}): SimulatorServer {
  switch (name) {
    case 'brp': return createBrpSimulator(population, clock, options.brpAutorisaties ? { autorisaties: autorisatiesUitBestand(options.brpAutorisaties) } : {});
    case 'leerplicht': return createLeerplichtSimulator(population);
    case 'participatie': return createParticipatieSimulator(population);
    case 'zorg': return createZorgSimulator(population);
    case 'duo': return createDuoSimulator(population);
  }
}
