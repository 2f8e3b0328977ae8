import { createHash } from 'node:crypto';
import type { Register } from '../policies/types';
import type { Toestemming } from '../stores/consent';
import type { Population } from './generator';
import type { SynthPersoon } from './types';

/**
 * Whether the generated person consented to the activity: deterministic, so tests know the truth;
 * a person consents with their own propensity (lower for the vulnerable, population/calibration.ts).
 */
export function heeftToestemming(p: Pick<SynthPersoon, 'bsn' | 'toestemmingskans'>, activiteit: string): boolean {
  const h = createHash('sha256').update(`${p.bsn}:${activiteit}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000 < p.toestemmingskans;
}

/** The consent records of a population: one per person and consent-asking activity they agreed to. */
export function* consentSeed(population: Population, register: Register): Generator<Toestemming> {
  const activiteiten = [...new Set(register.activiteiten.filter((a) => a.metToestemming.length).map((a) => a.id))];
  for (let i = 0; i < population.size; i++) {
    const p = population.person(i);
    for (const activiteit of activiteiten) if (heeftToestemming(p, activiteit)) yield { bsn: p.bsn, activiteit, categorieen: null };
  }
}
