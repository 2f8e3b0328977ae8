import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CodeTabellen } from './lo3';

const REFERENCE = join(__dirname, 'reference');
export const TESTSET_CSV = join(REFERENCE, 'brp-gbav-testset-proefomgeving-20220502.csv');
export const TESTSET_JSON = join(REFERENCE, 'brp-testset.json');

function codeTabel(file: string): Map<string, string> {
  const rows = parse(readFileSync(join(REFERENCE, 'brp-tabellen', file), 'utf8'), { columns: true, delimiter: ';' }) as Record<string, string>[];
  return new Map(rows.map((r) => [r.code, r.omschrijving]));
}

/** The BRP code tables; municipality names from the CBS file (latest name per code). */
export function loadCodeTabellen(): CodeTabellen {
  const cbs = parse(readFileSync(join(REFERENCE, 'gemeenten-arbeidsmarktregio.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const gemeenten = new Map<string, string>();
  for (const r of [...cbs].sort((a, b) => Number(a.year) - Number(b.year))) gemeenten.set(r.code.slice(2), r.name);
  gemeenten.set('1999', 'Registratie Niet Ingezetenen (RNI)');
  gemeenten.set('0000', 'Onbekend');
  for (const file of ['gemeenten-aanvulling.csv', 'gemeenten-proefomgeving.csv']) codeTabel(file).forEach((naam, code) => gemeenten.set(code, naam));
  return { nationaliteiten: codeTabel('nationaliteiten.csv'), landen: codeTabel('landen.csv'), gemeenten, redenOpname: codeTabel('reden-opname-nationaliteit.csv'), verblijfstitels: codeTabel('verblijfstitels.csv') };
}

export type HaalCentraalPersoon = Record<string, any>;

let cached: HaalCentraalPersoon[] | undefined;
/** RvIG's test persons as the Haal Centraal API answers them (converted once from LO3). */
export function loadTestset(): HaalCentraalPersoon[] {
  return (cached ??= JSON.parse(readFileSync(TESTSET_JSON, 'utf8')) as HaalCentraalPersoon[]);
}

let perBsn: Map<string, HaalCentraalPersoon> | undefined;
/** RvIG's test persons by BSN (the first list wins, as in the conversion). */
export function testsetPerBsn(): ReadonlyMap<string, HaalCentraalPersoon> {
  return (perBsn ??= new Map(loadTestset().map((p) => [p.burgerservicenummer as string, p])));
}
