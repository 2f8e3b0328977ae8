import type { Clock } from '../lib/dates';
import type { SimulatorServer } from '../lib/http';
import type { Population } from '../population/generator';
import { createBrpSimulator } from './brp/server';
import { createDuoSimulator } from './duo/server';
import { createLeerplichtSimulator } from './leerplicht/server';
import { createParticipatieSimulator } from './participatie/server';
import { createZorgSimulator } from './zorg/server';

export const SIMULATOR_NAMES = ['brp', 'leerplicht', 'participatie', 'zorg', 'duo'] as const;
export type SimulatorName = (typeof SIMULATOR_NAMES)[number];

export function createSimulator(name: SimulatorName, population: Population, clock?: Clock): SimulatorServer {
  switch (name) {
    case 'brp': return createBrpSimulator(population, clock);
    case 'leerplicht': return createLeerplichtSimulator(population);
    case 'participatie': return createParticipatieSimulator(population);
    case 'zorg': return createZorgSimulator(population);
    case 'duo': return createDuoSimulator(population);
  }
}
