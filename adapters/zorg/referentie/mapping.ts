import type { Zorgtoewijzing } from '../port';
import type { components } from './types';

type Toewijzing = components['schemas']['Toewijzing'];

/** Reads the start and stop of care (and its reason) from the JW305/WMO305 and JW307/WMO307 messages. */
export function mapToewijzing(t: Toewijzing): Zorgtoewijzing {
  const berichten = (suffix: string) => t.berichten.filter((b) => b.berichtcode.endsWith(suffix)).sort((a, b) => a.datum.localeCompare(b.datum));
  const laatste = (suffix: string) => berichten(suffix).at(-1)?.datum ?? null;
  const stop = berichten('307').at(-1);
  return {
    toewijzingsnummer: t.toewijzingsnummer,
    wet: t.wet,
    productcategorie: t.productcategorie,
    aanbieder: t.aanbieder,
    toewijzingsdatum: t.toewijzingsdatum,
    begindatum: t.begindatum,
    einddatum: t.einddatum ?? null,
    startZorg: laatste('305'),
    stopZorg: laatste('307'),
    productcode: t.productcode,
    omvang: t.omvang,
    redenWijziging: t.redenWijziging ?? null,
    juridischeStatus: t.juridischeStatus ?? null,
    redenBeeindiging: stop?.redenBeeindiging ?? null,
  };
}
