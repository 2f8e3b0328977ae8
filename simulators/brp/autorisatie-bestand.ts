import { readFileSync, statSync } from 'node:fs';
import type { Autorisaties } from './autorisatie';

/** Every rubriek: an afnemer authorised for `"*"` may ask every parameter and every field. */
export const ALLE_RUBRIEKEN = '*';

/**
 * Other afnemers' authorisations from a JSON file (`BRP_AUTORISATIES`): an object from the
 * afnemer's OIN (as sent in `x-origin-oin`) to the list of LO BRP rubrieken it is authorised for
 * (`"10120"`, `"PANM01"`, …) or `["*"]` for every rubriek, so anyone can run RvIG's feature cases
 * against the simulator as an afnemer of their choosing. Validated when read, with the file and the
 * problem in the message; read again when the file changes, so an edit needs no restart.
 */
export function autorisatiesUitBestand(pad: string): () => Autorisaties {
  let gelezen = { mtimeMs: -1, autorisaties: lees(pad) };
  gelezen.mtimeMs = statSync(pad).mtimeMs;
  return () => {
    const mtimeMs = statSync(pad, { throwIfNoEntry: false })?.mtimeMs ?? gelezen.mtimeMs;
    if (mtimeMs !== gelezen.mtimeMs) gelezen = { mtimeMs, autorisaties: lees(pad) };
    return gelezen.autorisaties;
  };
}

function lees(pad: string): Autorisaties {
  const fout = (probleem: string) => new Error(`BRP_AUTORISATIES (${pad}): ${probleem}`);
  let tekst: string;
  try { tekst = readFileSync(pad, 'utf8'); } catch (e) { throw fout(`cannot be read (${(e as Error).message})`); }
  let data: unknown;
  try { data = JSON.parse(tekst); } catch (e) { throw fout(`is not JSON (${(e as Error).message})`); }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw fout('must be an object from OIN to a list of rubrieken, e.g. {"00000001234567890000": ["10120", "10210"]}');
  for (const [oin, rubrieken] of Object.entries(data)) {
    if (!/^\d{6,20}$/.test(oin)) throw fout(`"${oin.slice(0, 40)}" is not an OIN (6 to 20 digits)`);
    if (!Array.isArray(rubrieken) || !rubrieken.every((r) => typeof r === 'string' && (r === ALLE_RUBRIEKEN || /^[0-9A-Z]{5,8}$/.test(r)))) {
      throw fout(`the rubrieken of ${oin} must be a list of rubriek codes (such as "10120" or "PANM01") or ["*"]`);
    }
  }
  return data as Autorisaties;
}
