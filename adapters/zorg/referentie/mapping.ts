import type { Zorgtoewijzing } from '../port';
import type { components } from './types';

type Toewijzing = components['schemas']['Toewijzing'];

/** Reads the start and stop of care from the JW305/WMO305 and JW307/WMO307 messages. */
export function mapToewijzing(t: Toewijzing): Zorgtoewijzing {
  const laatste = (suffix: string) =>
    t.berichten.filter((b) => b.berichtcode.endsWith(suffix)).map((b) => b.datum).sort().at(-1) ?? null;
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
  };
}
