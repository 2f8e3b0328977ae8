import { parse } from 'csv-parse/sync';
import { isValidBsn } from '../../../lib/domain/bsn';
import type { Onderwijsregel, Onderwijssoort, Regelfout, Regelsoort } from '../port';

const SOORTEN: Regelsoort[] = ['INSCHRIJVING', 'UITSCHRIJVING', 'DIPLOMA', 'VSV'];
const ONDERWIJSSOORTEN: Onderwijssoort[] = ['VO', 'MBO', 'HBO', 'WO'];
const REQUIRED = ['regelsoort', 'regelId', 'bsn', 'woongemeente', 'brin', 'instelling', 'datum', 'inschrijvingId'];

/**
 * Parses one delivery file. A malformed row is reported with its line number and skipped;
 * the rest of the file is kept. A file without the required header yields one error for line 1.
 */
export function parseLevering(text: string): { regels: Onderwijsregel[]; fouten: Regelfout[] } {
  const regels: Onderwijsregel[] = [];
  const fouten: Regelfout[] = [];
  let records: { record: Record<string, string>; info: { lines: number; error?: Error } }[];
  try {
    records = parse(text, { delimiter: ';', columns: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { regels, fouten: [{ regel: (error as { lines?: number }).lines ?? 1, melding: `unreadable file: ${(error as Error).message}` }] };
  }
  const header = text.split(/\r?\n/, 1)[0].split(';').map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return { regels, fouten: [{ regel: 1, melding: `header lacks column(s): ${missing.join(', ')}` }] };
  for (const { record, info } of records) {
    const melding = info.error ? `wrong number of columns (${info.error.message})` : validate(record);
    if (melding) fouten.push({ regel: info.lines, melding });
    else regels.push(toRegel(record));
  }
  return { regels, fouten };
}

function validate(r: Record<string, string>): string | null {
  for (const c of REQUIRED) if (!r[c]) return `missing ${c}`;
  if (!SOORTEN.includes(r.regelsoort as Regelsoort)) return `unknown regelsoort "${r.regelsoort}"`;
  if (!isValidBsn(r.bsn)) return `bsn "${r.bsn}" is not 9 digits passing the elfproef`;
  if (!/^GM\d{4}$/.test(r.woongemeente)) return `woongemeente "${r.woongemeente}" is not a GMxxxx code`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.datum) || Number.isNaN(Date.parse(r.datum))) return `datum "${r.datum}" is not a date`;
  if (r.regelsoort !== 'VSV') {
    if (!ONDERWIJSSOORTEN.includes(r.onderwijssoort as Onderwijssoort)) return `unknown onderwijssoort "${r.onderwijssoort}"`;
    if (!r.niveau) return 'missing niveau';
  }
  if (r.leerweg && r.leerweg !== 'BOL' && r.leerweg !== 'BBL') return `unknown leerweg "${r.leerweg}"`;
  return null;
}

function toRegel(r: Record<string, string>): Onderwijsregel {
  const orNull = (v: string | undefined) => (v ? v : null);
  return {
    soort: r.regelsoort as Regelsoort, regelId: r.regelId, bsn: r.bsn, woongemeente: r.woongemeente, brin: r.brin,
    instelling: r.instelling, onderwijssoort: orNull(r.onderwijssoort) as Onderwijssoort | null, niveau: orNull(r.niveau),
    leerweg: orNull(r.leerweg) as 'BOL' | 'BBL' | null, opleidingscode: orNull(r.opleidingscode), opleiding: orNull(r.opleiding),
    datum: r.datum, inschrijvingId: r.inschrijvingId,
  };
}
