import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export type RegioSoort = 'GEMEENTE' | 'ARBEIDSMARKTREGIO' | 'DOORSTROOMPUNTREGIO';

export interface Regio {
  /** CBS code `GMxxxx`, arbeidsmarktregio `AMxx`, or the configured Doorstroompunt region code. */
  code: string;
  naam: string;
  soort: RegioSoort;
  /** Member municipality codes (for a gemeente: itself). */
  gemeenten: string[];
  /** For a gemeente: the regions it belongs to. */
  arbeidsmarktregio?: string;
  doorstroompuntregio?: string;
  /** For a gemeente: the first two postcode digits used by the synthetic population. */
  postcodePrefixes?: string[];
}

/**
 * A Doorstroompunt (RMC) region. No public file maps municipalities to these regions, so a
 * deployment declares them: code, name, contact municipality and member municipalities.
 */
export interface DoorstroompuntDefinitie {
  code: string;
  naam: string;
  contactgemeente: string;
  gemeenten: string[];
}

export interface AreaDefinition {
  /** The year of the municipal layout to use from the CBS file. */
  jaar: number;
  arbeidsmarktregios: string[];
  doorstroompuntregios: DoorstroompuntDefinitie[];
  /** Synthetic postcode prefixes per municipality (real ones, for realism only). */
  postcodes: Record<string, string[]>;
}

/**
 * The demo area: three arbeidsmarktregio's (Drenthe, Flevoland, Gorinchem) with their 14
 * municipalities of 2026. The Doorstroompunt regions are an example, one per labour market region.
 */
export const DEMO_AREA: AreaDefinition = {
  jaar: 2026,
  arbeidsmarktregios: ['AM03', 'AM11', 'AM35'],
  doorstroompuntregios: [
    { code: 'DP-DRENTHE', naam: 'Doorstroompunt Drenthe', contactgemeente: 'GM0114',
      gemeenten: ['GM1681', 'GM0109', 'GM1690', 'GM0114', 'GM0118', 'GM1731'] },
    { code: 'DP-FLEVOLAND', naam: 'Doorstroompunt Flevoland', contactgemeente: 'GM0034',
      gemeenten: ['GM0034', 'GM0303', 'GM0995', 'GM0171', 'GM0184'] },
    { code: 'DP-GORINCHEM', naam: 'Doorstroompunt Gorinchem', contactgemeente: 'GM0512',
      gemeenten: ['GM0512', 'GM1978', 'GM1961'] },
  ],
  postcodes: {
    GM1681: ['78', '95'], GM0109: ['77'], GM1690: ['79'], GM0114: ['78'], GM0118: ['79'],
    GM1731: ['94'], GM0034: ['13'], GM0303: ['82'], GM0995: ['82'], GM0171: ['83'], GM0184: ['83'],
    GM0512: ['42'], GM1978: ['29', '42'], GM1961: ['41'],
  },
};

/** All regions of an area, by code, built from the CBS municipality file. */
export class RegionRegistry {
  private readonly byCode = new Map<string, Regio>();

  constructor(area: AreaDefinition, csvText: string = readDefaultCsv()) {
    const rows = parse(csvText, { columns: true }) as Record<string, string>[];
    for (const row of rows) {
      if (Number(row.year) !== area.jaar || !area.arbeidsmarktregios.includes(row.region_code)) continue;
      const dp = area.doorstroompuntregios.find((d) => d.gemeenten.includes(row.code));
      if (!dp) throw new Error(`municipality ${row.code} (${row.name}) is in no Doorstroompunt region of the area`);
      this.byCode.set(row.code, {
        code: row.code, naam: row.name, soort: 'GEMEENTE', gemeenten: [row.code],
        arbeidsmarktregio: row.region_code, doorstroompuntregio: dp.code,
        postcodePrefixes: area.postcodes[row.code] ?? ['10'],
      });
      const am = this.byCode.get(row.region_code) ??
        { code: row.region_code, naam: row.region, soort: 'ARBEIDSMARKTREGIO' as const, gemeenten: [] };
      am.gemeenten.push(row.code);
      this.byCode.set(row.region_code, am);
    }
    for (const dp of area.doorstroompuntregios) {
      for (const g of dp.gemeenten) {
        if (!this.byCode.has(g)) throw new Error(`Doorstroompunt region ${dp.code} names ${g}, which is not in the area`);
      }
      this.byCode.set(dp.code, { code: dp.code, naam: dp.naam, soort: 'DOORSTROOMPUNTREGIO', gemeenten: [...dp.gemeenten] });
    }
  }

  get(code: string): Regio | undefined {
    return this.byCode.get(code);
  }

  all(soort?: RegioSoort): Regio[] {
    return [...this.byCode.values()].filter((r) => !soort || r.soort === soort);
  }

  gemeenten(): Regio[] {
    return this.all('GEMEENTE');
  }
}

function readDefaultCsv(): string {
  return readFileSync(join(__dirname, '..', 'population', 'reference', 'gemeenten-arbeidsmarktregio.csv'), 'utf8');
}

let demo: RegionRegistry | undefined;
/** The demo area's registry, built once. */
export function demoRegions(): RegionRegistry {
  return (demo ??= new RegionRegistry(DEMO_AREA));
}
