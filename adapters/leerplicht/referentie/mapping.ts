import type { DoorstroomDossier } from '../port';
import type { components } from './types';

type Dossier = components['schemas']['Dossier'];

const byDate = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

/** The case system's dossier as the domain sees it: ordered oldest first. */
export function mapDossier(d: Dossier): DoorstroomDossier {
  return {
    bsn: d.bsn,
    gemeenteCode: d.gemeente,
    startkwalificatie: d.startkwalificatie,
    verzuimmeldingen: [...d.verzuimmeldingen].sort(byDate((v) => v.datum)),
    vsvMeldingen: [...d.vsvMeldingen].sort(byDate((v) => v.datum)),
    trajecten: [...d.trajecten].sort(byDate((t) => t.startdatum)).map((t) => ({
      ...t, contactmomenten: [...t.contactmomenten].sort(byDate((c) => c.datum)),
    })),
  };
}
