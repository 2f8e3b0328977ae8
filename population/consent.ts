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
  // Per activity its latest version: the roles that receive the data and the purpose agreed to.
  const laatste = new Map<string, Register['activiteiten'][number]>();
  for (const a of register.activiteiten) if (a.metToestemming.length && (laatste.get(a.id)?.versie ?? 0) < a.versie) laatste.set(a.id, a);
  for (let i = 0; i < population.size; i++) {
    const p = population.person(i);
    for (const a of laatste.values()) {
      if (!heeftToestemming(p, a.id)) continue;
      for (const rol of a.rollen) {
        // Given by the young person themself (active), for exactly what the version asks consent for.
        yield { bsn: p.bsn, activiteit: a.id, categorieen: [...a.metToestemming], registerversie: a.versie, status: 'ACTIEF',
          ontvanger: { soort: 'ROL', waarde: rol }, doel: a.doel, geldigTot: null, vastgelegd: { door: 'JONGERE' } };
      }
    }
  }
}
