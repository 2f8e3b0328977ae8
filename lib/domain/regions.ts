import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export type RegioSoort = 'GEMEENTE' | 'ARBEIDSMARKTREGIO' | 'DOORSTROOMPUNTREGIO' | 'PROVINCIE' | 'LAND';

/** The code of the country: every municipality of the area (all of the Netherlands in a national deployment). */
export const LAND = 'NL';

export interface Regio {
  /** CBS code `GMxxxx`, arbeidsmarktregio `AMxx`, province `PVxx`, the country `NL`, or the configured Doorstroompunt region code. */
  code: string;
  naam: string;
  soort: RegioSoort;
  /** Member municipality codes (for a gemeente: itself). */
  gemeenten: string[];
  /** For a gemeente: the regions it belongs to. */
  arbeidsmarktregio?: string;
  doorstroompuntregio?: string;
  provincie?: string;
  /** For a gemeente: the first two postcode digits used by the synthetic population. */
  postcodePrefixes?: string[];
  /** For a gemeente: approximate inhabitants (weights where synthetic people live). */
  inwoners?: number;
  /** For a Doorstroompunt region: its contactgemeente and the source of its composition. */
  contactgemeente?: string;
  bron?: string;
  /** For an arbeidsmarktregio, a province or the country: whether all its municipalities are in the area. */
  volledig?: boolean;
}

/**
 * A Doorstroompunt (RMC) region. No public file maps municipalities to these regions, so a
 * deployment declares them: code, name, contact municipality, member municipalities, and where
 * the composition comes from. A region may cross arbeidsmarktregio boundaries (each member's
 * arbeidsmarktregio comes from the CBS file, whatever the Doorstroompunt region).
 */
export interface DoorstroompuntDefinitie {
  code: string;
  naam: string;
  contactgemeente: string;
  gemeenten: string[];
  /** The public source of the composition, or `AANNAME: ...` when none was found. */
  bron: string;
}

export interface AreaDefinition {
  /** The year of the municipal layout to use from the CBS file. */
  jaar: number;
  /** The area is the union of its Doorstroompunt regions. */
  doorstroompuntregios: DoorstroompuntDefinitie[];
  /** Real postcode prefixes (first two digits) per municipality, for realistic synthetic addresses. */
  postcodes: Record<string, string[]>;
  /** Approximate inhabitants per municipality (CBS, 1 January 2024, rounded to thousands): only weights for where synthetic people live. */
  inwoners: Record<string, number>;
}

const RMC_REGIOS = 'regioatlas.nl, "RMC regio\'s (Doorstroompunt-regio\'s)" (regio-nummer en naam)';
const UITVOERINGSTOETS = 'VNG, Uitvoeringstoets Van school naar duurzaam werk (2023), par. 3.2';

/**
 * The demo area: five Doorstroompunt regions, four of them the examples the municipalities' assessment
 * (uitvoeringstoets, par. 3.2) describes — not pilots —
 * Oost-Groningen with Pekela, Zuidoost-Drenthe (Emmen, with Menso), Rijk van Nijmegen and Den Haag
 * (Jongerenpunt070) — plus Noord- en Midden-Drenthe. Arbeidsmarktregio's come from CBS 2026:
 * Noord- en Midden-Drenthe spans AM01 Groningen and AM03 Drenthe, and Haaglanden spans AM21
 * Haaglanden and AM34 Zuid-Holland Centraal, the mismatch the assessment warns about.
 */
export const DEMO_AREA: AreaDefinition = {
  jaar: 2026,
  doorstroompuntregios: [
    { code: 'DP-OOST-GRONINGEN', naam: 'Doorstroompunt Oost-Groningen (RMC-regio 1)', contactgemeente: 'GM0047',
      gemeenten: ['GM1895', 'GM0765', 'GM0037', 'GM0047', 'GM1950'],
      bron: `${RMC_REGIOS}; ${UITVOERINGSTOETS} (Pekela als voorbeeld); contactgemeente Veendam. AANNAME: leden = de gemeenten van COROP Oost-Groningen` },
    { code: 'DP-NOORD-MIDDEN-DRENTHE', naam: 'Doorstroompunt Noord- en Midden-Drenthe (RMC-regio 7)', contactgemeente: 'GM0106',
      gemeenten: ['GM0106', 'GM1680', 'GM1731', 'GM1699', 'GM1730'],
      bron: `${RMC_REGIOS}. AANNAME: leden = de gemeenten van COROP Noord-Drenthe; contactgemeente Assen` },
    { code: 'DP-ZUIDOOST-DRENTHE', naam: 'Doorstroompunt Zuidoost-Drenthe (RMC-regio 8)', contactgemeente: 'GM0114',
      gemeenten: ['GM0114', 'GM0109', 'GM1681'],
      bron: `${RMC_REGIOS}; ${UITVOERINGSTOETS} (Emmen-Menso, "drie gemeenten"). AANNAME: de drie gemeenten van COROP Zuidoost-Drenthe` },
    { code: 'DP-RIJK-VAN-NIJMEGEN', naam: 'Doorstroompunt Rijk van Nijmegen (RMC-regio 40)', contactgemeente: 'GM0268',
      gemeenten: ['GM0268', 'GM1945', 'GM0209', 'GM0225', 'GM0252', 'GM0944', 'GM0296'],
      bron: `${RMC_REGIOS}; ${UITVOERINGSTOETS}: "de Doorstroompunt regio en de arbeidsmarktregio [zijn] hetzelfde" (AM08)` },
    { code: 'DP-HAAGLANDEN', naam: 'Doorstroompunt Haaglanden', contactgemeente: 'GM0518',
      gemeenten: ['GM0518', 'GM0503', 'GM1916', 'GM1842', 'GM1926', 'GM0603', 'GM0629', 'GM1783', 'GM0637'],
      bron: `${UITVOERINGSTOETS} (Den Haag, Jongerenpunt070); de negen gemeenten van de regio Haaglanden. AANNAME: contactgemeente Den Haag` },
  ],
  postcodes: {
    GM1895: ['96', '97'], GM0765: ['96'], GM0037: ['95'], GM0047: ['96'], GM1950: ['95', '96'],
    GM0106: ['94'], GM1680: ['94'], GM1731: ['94'], GM1699: ['93'], GM1730: ['94'],
    GM0114: ['78'], GM0109: ['77'], GM1681: ['78', '95'],
    GM0268: ['65'], GM1945: ['65'], GM0209: ['66'], GM0225: ['66'], GM0252: ['65'], GM0944: ['65'], GM0296: ['66'],
    GM0518: ['25'], GM0603: ['22'], GM1916: ['22'], GM0629: ['22'], GM0637: ['27'],
    GM0503: ['26'], GM1783: ['26', '22'], GM1926: ['26'], GM1842: ['26', '31'],
  },
  inwoners: {
    GM1895: 39_000, GM0765: 12_000, GM0037: 32_000, GM0047: 28_000, GM1950: 26_000,
    GM0106: 69_000, GM1680: 26_000, GM1731: 34_000, GM1699: 33_000, GM1730: 35_000,
    GM0114: 108_000, GM0109: 36_000, GM1681: 26_000,
    GM0268: 185_000, GM1945: 35_000, GM0209: 26_000, GM0225: 19_000, GM0252: 17_000, GM0944: 8_000, GM0296: 41_000,
    GM0518: 560_000, GM0603: 58_000, GM1916: 78_000, GM0629: 27_000, GM0637: 128_000,
    GM0503: 105_000, GM1783: 114_000, GM1926: 58_000, GM1842: 20_000,
  },
};

/** All regions of an area, by code, built from the CBS municipality file. */
export class RegionRegistry {
  private readonly byCode = new Map<string, Regio>();

  constructor(area: AreaDefinition, csvText: string = readDefaultCsv()) {
    const rows = (parse(csvText, { columns: true }) as Record<string, string>[]).filter((r) => Number(r.year) === area.jaar);
    const cbs = new Map(rows.map((r) => [r.code, r]));
    for (const dp of area.doorstroompuntregios) {
      if (!dp.gemeenten.includes(dp.contactgemeente)) throw new Error(`Doorstroompunt region ${dp.code}: contactgemeente ${dp.contactgemeente} is not a member`);
      for (const code of dp.gemeenten) {
        const row = cbs.get(code);
        if (!row) throw new Error(`Doorstroompunt region ${dp.code} names ${code}, which is no municipality in ${area.jaar}`);
        if (this.byCode.has(code)) throw new Error(`municipality ${code} is in two Doorstroompunt regions`);
        this.byCode.set(code, {
          code, naam: row.name, soort: 'GEMEENTE', gemeenten: [code],
          arbeidsmarktregio: row.region_code, doorstroompuntregio: dp.code, provincie: row.province_code,
          postcodePrefixes: area.postcodes[code] ?? ['10'], inwoners: area.inwoners[code] ?? 1,
        });
      }
      this.byCode.set(dp.code, { code: dp.code, naam: dp.naam, soort: 'DOORSTROOMPUNTREGIO', gemeenten: [...dp.gemeenten], contactgemeente: dp.contactgemeente, bron: dp.bron });
    }
    // Each arbeidsmarktregio, province and the country with its members inside the area; `volledig` says whether that is all of it.
    const land: Regio = { code: LAND, naam: 'Nederland', soort: 'LAND', gemeenten: [], volledig: rows.every((r) => this.byCode.has(r.code)) };
    for (const g of this.gemeenten()) {
      const row = cbs.get(g.code)!;
      for (const [code, naam, soort] of [[row.region_code, row.region, 'ARBEIDSMARKTREGIO'], [row.province_code, row.province, 'PROVINCIE']] as const) {
        const r = this.byCode.get(code) ?? { code, naam, soort, gemeenten: [] };
        r.gemeenten.push(g.code);
        this.byCode.set(code, r);
      }
      land.gemeenten.push(g.code);
    }
    for (const r of [...this.all('ARBEIDSMARKTREGIO'), ...this.all('PROVINCIE')]) {
      const kolom = r.soort === 'PROVINCIE' ? 'province_code' : 'region_code';
      r.volledig = rows.filter((x) => x[kolom] === r.code).every((x) => this.byCode.has(x.code));
    }
    this.byCode.set(LAND, land);
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
  return readFileSync(join(__dirname, '..', '..', 'population', 'reference', 'gemeenten-arbeidsmarktregio.csv'), 'utf8');
}

let demo: RegionRegistry | undefined;
/** The demo area's registry, built once. */
export function demoRegions(): RegionRegistry {
  return (demo ??= new RegionRegistry(DEMO_AREA));
}
