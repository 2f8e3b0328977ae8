import type { ParticipatieDossier } from '../port';
import type { components } from './types';

type Klant = components['schemas']['Klant'];

export function mapKlant(k: Klant): ParticipatieDossier {
  return {
    uitkering: k.uitkering ?? null,
    trajecten: [...k.trajecten].sort((a, b) => a.startdatum.localeCompare(b.startdatum)),
    jongerenInBeeld: k.jongerenInBeeld ?? null,
    dienstverbanden: [...(k.dienstverbanden ?? [])].sort((a, b) => a.begindatum.localeCompare(b.begindatum)).map((d) => ({ ...d, einddatum: d.einddatum ?? null })),
  };
}
