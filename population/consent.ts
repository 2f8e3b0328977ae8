import { createHash } from 'node:crypto';
import type { Register } from '../policies/types';
import type { Toestemming } from '../stores/consent';
import type { Population } from './generator';

/** Share of young people who consented to an activity that asks consent. */
export const CONSENT_SHARE = 0.6;

/** Whether the generated person consented to the activity: deterministic, so tests know the truth. */
export function heeftToestemming(bsn: string, activiteit: string): boolean {
  const h = createHash('sha256').update(`${bsn}:${activiteit}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000 < CONSENT_SHARE;
}

/** The consent records of a population: one per person and consent-asking activity they agreed to. */
export function* consentSeed(population: Population, register: Register): Generator<Toestemming> {
  const activiteiten = [...new Set(register.activiteiten.filter((a) => a.metToestemming.length).map((a) => a.id))];
  for (let i = 0; i < population.size; i++) {
    const bsn = population.bsnAt(i);
    for (const activiteit of activiteiten) if (heeftToestemming(bsn, activiteit)) yield { bsn, activiteit, categorieen: null };
  }
}
