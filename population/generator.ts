import { addDays, addYears, ageOn, parseIsoDate } from '../lib/domain/dates';
import { demoRegions, type Regio, type RegionRegistry } from '../lib/domain/regions';
import { bsnForIndex, indexForBsn, MAX_SYNTHETIC } from './bsn-allocation';
import { naOverlijden } from './overlijden';
import { kwetsbaar } from './calibration';
import { generateCareer, isStartkwalificatie } from './careers';
import {
  GESLACHTSNAMEN, JUSTITIELE_CATEGORIEEN, MET_VOORVOEGSEL, STRATEN, VOORNAMEN_M, VOORNAMEN_V, loadCodelijsten, loadProductcategorieen, type Productcategorie,
} from './catalog';
import { loadTestset, type HaalCentraalPersoon } from './testset';
import { generateDoorstroom, generateParticipatie, generateZorg } from './domains';
import { Draw } from './random';
import type { SynthPersoon } from './types';

export interface PopulationOptions {
  /** Seed of the deterministic generator. Same seed and size, same people. Default 20260101. */
  seed?: number;
  /** Number of synthetic young people (RvIG's test persons of 16-27 in the area come on top). Default 10,000. */
  size?: number;
  /** The date the population is generated for: ages 16-27 on this day, no events after it. Default 2026-11-01. */
  peildatum?: string;
  /** The area people live in. Default: the demo area. */
  regions?: RegionRegistry;
}

export const DEFAULT_POPULATION = { seed: 20260101, size: 10_000, peildatum: '2026-11-01' } as const;

/** Consent propensity: the seed's central risk is that the most vulnerable refuse consent (an assumption, see docs/population.md). */
export const TOESTEMMINGSKANS = { kwetsbaar: 0.35, overig: 0.65 } as const;

/**
 * The RvIG test person whose integral view the README shows: Roos Janssen, 19, of Den Haag in
 * RvIG's test set; the other domains' data is drawn again until it has data in every domain.
 */
export const SHOWCASE_BSN = '999995145';

/**
 * A deterministic synthetic population. People are generated on demand from (seed, index), so
 * a million of them cost no memory until asked for; the same call always yields the same person.
 */
export class Population {
  readonly seed: number;
  readonly syntheticSize: number;
  readonly peildatum: string;
  readonly regions: RegionRegistry;
  private readonly gemeenteGewichten: [Regio, number][];
  private readonly testpersonen: HaalCentraalPersoon[];
  private readonly categorieen: Productcategorie[];
  private readonly codelijsten = loadCodelijsten();

  constructor(options: PopulationOptions = {}) {
    this.seed = options.seed ?? DEFAULT_POPULATION.seed;
    this.syntheticSize = options.size ?? DEFAULT_POPULATION.size;
    this.peildatum = options.peildatum ?? DEFAULT_POPULATION.peildatum;
    if (!Number.isInteger(this.syntheticSize) || this.syntheticSize < 0 || this.syntheticSize > MAX_SYNTHETIC) {
      throw new RangeError(`population size must be an integer in 0..${MAX_SYNTHETIC}; received ${options.size}`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.peildatum)) {
      throw new RangeError(`peildatum must be an ISO date (yyyy-mm-dd); received "${this.peildatum}"`);
    }
    this.regions = options.regions ?? demoRegions();
    this.gemeenteGewichten = this.regions.gemeenten().map((g) => [g, g.inwoners ?? 1]);
    this.testpersonen = testpersonenIn(this.regions, this.peildatum);
    this.categorieen = loadProductcategorieen();
  }

  /** Synthetic people plus RvIG's test persons who are 16-27 on the peildatum and registered in the area. */
  get size(): number {
    return this.syntheticSize + this.testpersonen.length;
  }

  bsnAt(index: number): string {
    return index < this.syntheticSize ? bsnForIndex(index) : this.testpersonen[index - this.syntheticSize].burgerservicenummer;
  }

  indexOf(bsn: string): number | undefined {
    const synthetic = indexForBsn(bsn);
    if (synthetic !== undefined) return synthetic < this.syntheticSize ? synthetic : undefined;
    const t = this.testpersonen.findIndex((p) => p.burgerservicenummer === bsn);
    return t < 0 ? undefined : this.syntheticSize + t;
  }

  byBsn(bsn: string): SynthPersoon | undefined {
    const index = this.indexOf(bsn);
    return index === undefined ? undefined : this.person(index);
  }

  person(index: number): SynthPersoon {
    if (index < this.syntheticSize) return this.generate(index, bsnForIndex(index), 0);
    const brp = this.testpersonen[index - this.syntheticSize];
    if (!brp) throw new RangeError(`no person at index ${index}; the population has ${this.size}`);
    // A test person keeps RvIG's BRP data; the other domains are generated as for everyone else,
    // and for the showcase person drawn again until it has data in every domain, deterministically.
    for (let attempt = 0; ; attempt++) {
      const p = this.generate(index, brp.burgerservicenummer, attempt, basisVan(brp, this.regions));
      if (brp.burgerservicenummer !== SHOWCASE_BSN || attempt > 2000 || hasEveryDomain(p)) return p;
    }
  }

  *persons(): Generator<SynthPersoon> {
    for (let i = 0; i < this.size; i++) yield this.person(i);
  }

  private generate(index: number, bsn: string, attempt: number, basis?: Basis): SynthPersoon {
    const draw = new Draw(this.seed, index, attempt);
    const peil = parseIsoDate(this.peildatum);
    const synthetic = this.syntheticBasis(draw);
    const { geboortedatum, gemeente, geslacht, voorvoegsel, geslachtsnaam, voornamen, adres, nationaliteit, overlijdensdatum } = basis ?? synthetic;
    const career = generateCareer(draw, bsn, geboortedatum, this.peildatum);
    const hasSk = career.diplomas.some(isStartkwalificatie);
    const ctx = { draw, bsn, geboortedatum, peildatum: this.peildatum, gemeente, career, hasSk };
    const participatie = generateParticipatie(ctx);
    if (ageOn(geboortedatum, peil) > 27) throw new Error(`generator produced age > 27 for ${bsn}`);
    const persoon: SynthPersoon = {
      index, bsn, geslacht, voornamen, voorvoegsel, geslachtsnaam, geboortedatum, nationaliteit, gemeenteCode: gemeente.code, adres,
      ...(overlijdensdatum ? { overlijdensdatum } : {}), ...(basis ? { brp: basis.brp } : {}),
      onderwijs: { inschrijvingen: career.inschrijvingen, diplomas: career.diplomas, vsv: career.vsv },
      leerplicht: {
        verzuimmeldingen: career.verzuimmeldingen, vsvMeldingen: career.vsvMeldingen,
        trajecten: generateDoorstroom(ctx, participatie.jongerenInBeeld),
      },
      participatie,
      zorg: { toewijzingen: generateZorg(ctx, this.categorieen, this.codelijsten) },
      toestemmingskans: 0,
    };
    const gegenereerd = naOverlijden(persoon);
    gegenereerd.toestemmingskans = kwetsbaar(gegenereerd, this.peildatum) ? TOESTEMMINGSKANS.kwetsbaar : TOESTEMMINGSKANS.overig;
    return gegenereerd;
  }

  /** The BRP part of a synthetic person; always drawn, so a test person's other domains draw the same numbers. */
  private syntheticBasis(draw: Draw): Basis {
    const geboortedatum = draw.dateBetween(addDays(addYears(this.peildatum, -28), 1), addYears(this.peildatum, -16));
    const gemeente = draw.weighted(this.gemeenteGewichten);
    const geslacht = draw.chance(0.5) ? 'M' : 'V';
    const [voorvoegsel, geslachtsnaam] = draw.chance(0.25) ? draw.pick(MET_VOORVOEGSEL) : [undefined, draw.pick(GESLACHTSNAMEN)];
    const voornamen = draw.pick(geslacht === 'M' ? VOORNAMEN_M : VOORNAMEN_V) + (draw.chance(0.4) ? ` ${draw.pick(geslacht === 'M' ? VOORNAMEN_M : VOORNAMEN_V)}` : '');
    const postcode = `${draw.pick(gemeente.postcodePrefixes!)}${draw.int(10, 99)} ${String.fromCharCode(65 + draw.int(0, 25))}${String.fromCharCode(65 + draw.int(0, 25))}`;
    const adres = { straat: draw.pick(STRATEN), huisnummer: draw.int(1, 250), postcode, woonplaats: gemeente.naam };
    // A non-Dutch nationality: a few percent, more in the large cities (population/calibration.ts).
    const kansBuitenlands = (gemeente.inwoners ?? 0) >= 500_000 ? 0.15 : (gemeente.inwoners ?? 0) >= 100_000 ? 0.07 : 0.04;
    const nationaliteit = draw.chance(kansBuitenlands) ? draw.weighted(NATIONALITEITEN) : NEDERLANDSE;
    return { geboortedatum, gemeente, geslacht, voorvoegsel, geslachtsnaam, voornamen, adres, nationaliteit };
  }
}

const NEDERLANDSE = { code: '0001', omschrijving: 'Nederlandse' };
/** The most frequent non-Dutch nationalities of young people (BRP table 32 codes), weighted roughly as CBS counts them. */
const NATIONALITEITEN: readonly (readonly [{ code: string; omschrijving: string }, number])[] = [
  [{ code: '0072', omschrijving: 'Poolse' }, 22], [{ code: '0336', omschrijving: 'Syrische' }, 14], [{ code: '0034', omschrijving: 'Oekraïense' }, 14],
  [{ code: '0339', omschrijving: 'Turkse' }, 12], [{ code: '0131', omschrijving: 'Marokkaanse' }, 8], [{ code: '0074', omschrijving: 'Roemeense' }, 9],
  [{ code: '0053', omschrijving: 'Bulgaarse' }, 8], [{ code: '0084', omschrijving: 'Eritrese' }, 7], [{ code: '0052', omschrijving: 'Belgische' }, 6],
];

interface Basis {
  geboortedatum: string; gemeente: Regio; geslacht: SynthPersoon['geslacht']; voorvoegsel?: string; geslachtsnaam: string;
  voornamen: string; adres: SynthPersoon['adres']; nationaliteit: SynthPersoon['nationaliteit']; overlijdensdatum?: string;
  brp?: HaalCentraalPersoon;
}

/** RvIG's test persons with a full birth date who are 16-27 on `peildatum` and registered in the area. */
export function testpersonenIn(regions: RegionRegistry, peildatum: string): HaalCentraalPersoon[] {
  const peil = parseIsoDate(peildatum);
  return loadTestset().filter((p) => {
    const geboren = p.geboorte?.datum?.type === 'Datum' ? p.geboorte.datum.datum as string : undefined;
    const leeftijd = geboren ? ageOn(geboren, peil) : -1;
    return leeftijd >= 16 && leeftijd <= 27 && regions.get(`GM${p.gemeenteVanInschrijving?.code}`)?.soort === 'GEMEENTE';
  });
}

/** The BRP facts of a test person as the generator's ground truth. */
function basisVan(p: HaalCentraalPersoon, regions: RegionRegistry): Basis {
  const gemeente = regions.get(`GM${p.gemeenteVanInschrijving.code}`)!;
  const adres = p.verblijfplaats?.type === 'Adres' ? p.verblijfplaats.verblijfadres : {};
  const nationaliteit = p.nationaliteiten?.find((n: any) => n.type === 'Nationaliteit')?.nationaliteit ?? { code: '0000', omschrijving: 'Onbekend' };
  const postcode = typeof adres.postcode === 'string' ? `${adres.postcode.slice(0, 4)} ${adres.postcode.slice(4)}` : '';
  return {
    geboortedatum: p.geboorte.datum.datum, gemeente, geslacht: p.geslacht?.code ?? 'O',
    voorvoegsel: p.naam?.voorvoegsel, geslachtsnaam: p.naam?.geslachtsnaam ?? '', voornamen: p.naam?.voornamen ?? '',
    adres: {
      straat: adres.officieleStraatnaam ?? adres.korteStraatnaam ?? '', huisnummer: adres.huisnummer ?? 0, postcode, ...(adres.woonplaats ? { woonplaats: adres.woonplaats } : {}),
      ...(adres.huisletter ? { huisletter: adres.huisletter } : {}), ...(adres.huisnummertoevoeging ? { huisnummertoevoeging: adres.huisnummertoevoeging } : {}),
    },
    nationaliteit, overlijdensdatum: p.overlijden?.datum?.type === 'Datum' ? p.overlijden.datum.datum : undefined, brp: p,
  };
}

function hasEveryDomain(p: SynthPersoon): boolean {
  return p.onderwijs.inschrijvingen.length > 0 && p.leerplicht.trajecten.length > 0 &&
    p.participatie.uitkering !== null && p.zorg.toewijzingen.some((t) => !JUSTITIELE_CATEGORIEEN.includes(t.productcategorie.code));
}

/** Derived facts that several systems report; one definition for simulators and tests alike. */
export function heeftStartkwalificatie(p: SynthPersoon): boolean {
  return p.onderwijs.diplomas.some(isStartkwalificatie);
}

export function huidigeDoorstroomStatus(p: SynthPersoon): SynthPersoon['leerplicht']['trajecten'][number]['status'] | null {
  const t = p.leerplicht.trajecten;
  return t.length === 0 ? null : t[t.length - 1].status;
}
