import type { Persoonskenmerken } from '../../policies/scope';

/** The policy facts a subgraph receives in a representation through @requires. */
export interface Vertegenwoordiging {
  bsn: string;
  beleidskenmerken?: { gemeente: string | null; geboortedatum: string | null } | null;
  onderwijskenmerken?: { relaties: { brin: string; ingeschreven: boolean; diplomadatum: string | null }[] } | null;
}

/** Reads the facts from a representation; what the gateway did not bring is unknown (null). */
export function kenmerkenUitVertegenwoordiging(ref: Vertegenwoordiging): Persoonskenmerken {
  return {
    bsn: ref.bsn,
    gemeente: ref.beleidskenmerken?.gemeente ?? null,
    geboortedatum: ref.beleidskenmerken?.geboortedatum ?? null,
    onderwijs: ref.onderwijskenmerken?.relaties ?? null,
  };
}
