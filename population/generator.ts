import { addDays, addYears, ageOn, parseIsoDate } from '../lib/dates';
import { demoRegions, type Regio, type RegionRegistry } from '../lib/regions';
import { bsnForIndex, indexForBsn, MAX_SYNTHETIC } from './bsn-allocation';
import { generateCareer, isStartkwalificatie } from './careers';
import {
  GESLACHTSNAMEN, MET_VOORVOEGSEL, STRATEN, VOORNAMEN_M, VOORNAMEN_V, loadProductcategorieen, loadTestpersonen,
  type Productcategorie, type Testpersoon,
} from './catalog';
import { generateDoorstroom, generateParticipatie, generateZorg } from './domains';
import { Draw } from './random';
import type { SynthPersoon } from './types';

export interface PopulationOptions {
  /** Seed of the deterministic generator. Same seed and size, same people. Default 20260101. */
  seed?: number;
  /** Number of synthetic young people (the BRP test persons come on top). Default 10,000. */
  size?: number;
  /** The date the population is generated for: ages 16-27 on this day, no events after it. Default 2026-11-01. */
  peildatum?: string;
  /** The area people live in. Default: the demo area. */
  regions?: RegionRegistry;
}

export const DEFAULT_POPULATION = { seed: 20260101, size: 10_000, peildatum: '2026-11-01' } as const;

/** The BRP test person whose integral view the README shows: made to have data in every domain. */
export const SHOWCASE_BSN = '999993653';

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
  private readonly testpersonen: Testpersoon[];
  private readonly categorieen: Productcategorie[];

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
    this.testpersonen = loadTestpersonen();
    this.categorieen = loadProductcategorieen();
  }

  /** Synthetic people plus the BRP test persons. */
  get size(): number {
    return this.syntheticSize + this.testpersonen.length;
  }

  bsnAt(index: number): string {
    return index < this.syntheticSize ? bsnForIndex(index) : this.testpersonen[index - this.syntheticSize].bsn;
  }

  indexOf(bsn: string): number | undefined {
    const synthetic = indexForBsn(bsn);
    if (synthetic !== undefined) return synthetic < this.syntheticSize ? synthetic : undefined;
    const t = this.testpersonen.findIndex((p) => p.bsn === bsn);
    return t < 0 ? undefined : this.syntheticSize + t;
  }

  byBsn(bsn: string): SynthPersoon | undefined {
    const index = this.indexOf(bsn);
    return index === undefined ? undefined : this.person(index);
  }

  person(index: number): SynthPersoon {
    if (index < this.syntheticSize) return this.generate(index, bsnForIndex(index), 0);
    const test = this.testpersonen[index - this.syntheticSize];
    if (!test) throw new RangeError(`no person at index ${index}; the population has ${this.size}`);
    // The showcase person is drawn again until it has data in every domain, deterministically.
    for (let attempt = 0; ; attempt++) {
      const p = { ...this.generate(index, test.bsn, attempt), testpersoon: test.situatie };
      if (test.situatie === 'overleden') p.overlijdensdatum = addDays(this.peildatum, -200);
      if (test.bsn === SHOWCASE_BSN) p.nationaliteit = { code: '0052', omschrijving: 'Belgische' };
      if (test.bsn !== SHOWCASE_BSN || attempt > 500 || hasEveryDomain(p)) return p;
    }
  }

  *persons(): Generator<SynthPersoon> {
    for (let i = 0; i < this.size; i++) yield this.person(i);
  }

  private generate(index: number, bsn: string, attempt: number): SynthPersoon {
    const draw = new Draw(this.seed, index, attempt);
    const peil = parseIsoDate(this.peildatum);
    const geboortedatum = draw.dateBetween(addDays(addYears(this.peildatum, -28), 1), addYears(this.peildatum, -16));
    const gemeente = draw.weighted(this.gemeenteGewichten);
    const geslacht = draw.chance(0.5) ? 'M' : 'V';
    const [voorvoegsel, geslachtsnaam] = draw.chance(0.25) ? draw.pick(MET_VOORVOEGSEL) : [undefined, draw.pick(GESLACHTSNAMEN)];
    const voornamen = draw.pick(geslacht === 'M' ? VOORNAMEN_M : VOORNAMEN_V) + (draw.chance(0.4) ? ` ${draw.pick(geslacht === 'M' ? VOORNAMEN_M : VOORNAMEN_V)}` : '');
    const postcode = `${draw.pick(gemeente.postcodePrefixes!)}${draw.int(10, 99)} ${String.fromCharCode(65 + draw.int(0, 25))}${String.fromCharCode(65 + draw.int(0, 25))}`;
    const career = generateCareer(draw, bsn, geboortedatum, this.peildatum);
    const hasSk = career.diplomas.some(isStartkwalificatie);
    const ctx = { draw, bsn, geboortedatum, peildatum: this.peildatum, gemeente, career, hasSk };
    const participatie = generateParticipatie(ctx);
    if (ageOn(geboortedatum, peil) > 27) throw new Error(`generator produced age > 27 for ${bsn}`);
    return {
      index, bsn, geslacht, voornamen, voorvoegsel, geslachtsnaam, geboortedatum,
      nationaliteit: { code: '0001', omschrijving: 'Nederlandse' },
      gemeenteCode: gemeente.code,
      adres: { straat: draw.pick(STRATEN), huisnummer: draw.int(1, 250), postcode, woonplaats: gemeente.naam },
      onderwijs: { inschrijvingen: career.inschrijvingen, diplomas: career.diplomas, vsv: career.vsv },
      leerplicht: {
        verzuimmeldingen: career.verzuimmeldingen, vsvMeldingen: career.vsvMeldingen,
        trajecten: generateDoorstroom(ctx, participatie.jongerenInBeeld),
      },
      participatie,
      zorg: { toewijzingen: generateZorg(ctx, this.categorieen) },
    };
  }
}

function hasEveryDomain(p: SynthPersoon): boolean {
  return p.onderwijs.inschrijvingen.length > 0 && p.leerplicht.trajecten.length > 0 &&
    p.participatie.uitkering !== null && p.zorg.toewijzingen.length > 0;
}

/** Derived facts that several systems report; one definition for simulators and tests alike. */
export function heeftStartkwalificatie(p: SynthPersoon): boolean {
  return p.onderwijs.diplomas.some(isStartkwalificatie);
}

export function huidigeDoorstroomStatus(p: SynthPersoon): SynthPersoon['leerplicht']['trajecten'][number]['status'] | null {
  const t = p.leerplicht.trajecten;
  return t.length === 0 ? null : t[t.length - 1].status;
}
