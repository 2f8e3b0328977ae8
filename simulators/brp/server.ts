import { ALLE_RUBRIEKEN } from './autorisatie-bestand';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { systemClock, type Clock } from '../../lib/domain/dates';
import { createSimulatorServer, type Route, type RouteRequest, type SimulatorServer } from '../../lib/http/http';
import type { Population } from '../../population/generator';
import { LAAG_AFNEMER, LAAG_RUBRIEKEN, RUBRIEK_PER_PARAMETER, rubriekenVoor, unauthorizedField, unauthorizedParameter, unauthorizedQuery, type Autorisaties } from './autorisatie';
import { fieldsProblems } from './fields';
import { fieldPaths } from './paths';
import { testsetPerBsn } from '../../population/testset';
import { selectFields, testpersoonOp, toBrpPersoon, verblijfplaatshistorie, type BrpPersoon } from './persoon';
import { HISTORIE_RUBRIEKEN, historieAntwoord, type Voorkomen } from './historie';
import { LO3_VERBLIJFPLAATSHISTORIE } from '../../population/lo3';
import { badRequest, notAcceptable, unsupportedMediaType, type InvalidParam } from './problems';

export const BRP_SPEC = join(__dirname, '..', '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml');

/** The field paths per answer type, from the real spec. */
function knownPaths(): { persoon: Set<string>; beperkt: Set<string> } {
  const spec = parse(readFileSync(BRP_SPEC, 'utf8'));
  return { persoon: fieldPaths(spec, 'Persoon'), beperkt: fieldPaths(spec, 'PersoonBeperkt') };
}

/** `verblijfplaatsBinnenland.x` and `adresseringBinnenland.x` ask for the Dutch form of `verblijfplaats.x` / `adressering.x`. */
export function unalias(path: string): string {
  return path.replace(/^verblijfplaatsBinnenland(?=\.|$)/, 'verblijfplaats').replace(/^adresseringBinnenland(?=\.|$)/, 'adressering');
}

const PARAMETERS: Record<string, string[]> = {
  RaadpleegMetBurgerservicenummer: ['type', 'fields', 'burgerservicenummer', 'gemeenteVanInschrijving', 'inclusiefOverledenPersonen'],
  ZoekMetGeslachtsnaamEnGeboortedatum: ['type', 'fields', 'geslachtsnaam', 'geboortedatum', 'geslacht', 'voorvoegsel', 'voornamen', 'gemeenteVanInschrijving', 'inclusiefOverledenPersonen'],
  ZoekMetPostcodeEnHuisnummer: ['type', 'fields', 'postcode', 'huisnummer', 'huisletter', 'huisnummertoevoeging', 'geboortedatum', 'geslachtsnaam', 'gemeenteVanInschrijving', 'inclusiefOverledenPersonen'],
};

export interface BrpSimulatorOptions {
  /** Authorisations of other afnemers (the `x-origin-oin` header), read per request (`BRP_AUTORISATIES`, autorisatie-bestand.ts); a request without the header is this layer's. */
  autorisaties?: () => Autorisaties;
}

/**
 * Simulated BRP (Haal Centraal BRP API Personen v2), behaving as the feature files of
 * BRP-API/Haal-Centraal-BRP-bevragen specify: `POST /personen` (also at the API's own path
 * `/haalcentraal/api/brp/personen`) with `RaadpleegMetBurgerservicenummer` (1-20 BSNs, optional
 * `gemeenteVanInschrijving`) and `ZoekMetGeslachtsnaamEnGeboortedatum`; the `fields` rules and
 * RFC 7807 errors with `invalidParams`; 406 and 415. BSNs not in the population are left out.
 */
export function createBrpSimulator(population: Population, clock: Clock = systemClock, options: BrpSimulatorOptions = {}): SimulatorServer {
  const known = knownPaths();
  const rubriekenVan = (afnemer: string) => (afnemer === LAAG_AFNEMER ? LAAG_RUBRIEKEN : options.autorisaties?.()[afnemer] ?? []);
  const register = new BrpRegister(population);
  const json = 'application/json; charset=utf-8';
  const handle = (path: string) => ({ body, headers }: RouteRequest) => {
    const afnemer = String(headers['x-origin-oin'] ?? LAAG_AFNEMER);
    const accept = String(headers.accept ?? '*/*');
    if (!/(^|,)\s*(\*\/\*|application\/\*|application\/json)/.test(accept)) return notAcceptable(path);
    if (!/^application\/json/i.test(String(headers['content-type'] ?? ''))) return unsupportedMediaType(path);
    const q = (body ?? {}) as Record<string, unknown>;
    const type = typeof q.type === 'string' ? q.type : undefined;
    if (!type || !PARAMETERS[type]) {
      return badRequest(path, 'paramsValidation', [{ code: 'value', name: 'type', reason: 'Waarde heeft geen geldige waarde uit de enumeratie.' }]);
    }
    const unknown = Object.keys(q).filter((k) => !PARAMETERS[type].includes(k));
    if (unknown.length) return badRequest(path, 'paramsValidation', unknown.map((name) => ({ code: 'unknownParam', name, reason: 'Parameter is niet verwacht.' })));
    const paths = type === 'RaadpleegMetBurgerservicenummer' ? known.persoon : known.beperkt;
    const fieldsError = fieldsProblems(q.fields, (p) => paths.has(unalias(p)));
    const paramErrors: InvalidParam[] = [...(fieldsError?.invalid ?? [])];
    if (type === 'RaadpleegMetBurgerservicenummer') {
      const bsns = q.burgerservicenummer;
      if (bsns === undefined) paramErrors.push({ code: 'required', name: 'burgerservicenummer', reason: 'Parameter is verplicht.' });
      else if (!Array.isArray(bsns)) paramErrors.push({ code: 'array', name: 'burgerservicenummer', reason: 'Parameter is geen array.' });
      else if (bsns.length > 20) paramErrors.push({ code: 'maxItems', name: 'burgerservicenummer', reason: 'Array bevat meer dan 20 items.' });
      else if (bsns.length < 1) paramErrors.push({ code: 'minItems', name: 'burgerservicenummer', reason: 'Array bevat minder dan 1 items.' });
      else bsns.forEach((b, i) => { if (typeof b !== 'string' || !/^[0-9]{9}$/.test(b)) paramErrors.push({ code: 'pattern', name: `burgerservicenummer[${i}]`, reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' }); });
    } else if (type === 'ZoekMetGeslachtsnaamEnGeboortedatum') {
      if (typeof q.geslachtsnaam !== 'string') paramErrors.push({ code: 'required', name: 'geslachtsnaam', reason: 'Parameter is verplicht.' });
      if (typeof q.geboortedatum !== 'string') paramErrors.push({ code: 'required', name: 'geboortedatum', reason: 'Parameter is verplicht.' });
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(q.geboortedatum)) paramErrors.push({ code: 'date', name: 'geboortedatum', reason: 'Waarde is geen geldige datum.' });
    } else {
      if (q.postcode === undefined) paramErrors.push({ code: 'required', name: 'postcode', reason: 'Parameter is verplicht.' });
      else if (typeof q.postcode !== 'string' || !/^[1-9][0-9]{3}[ ]?[A-Za-z]{2}$/.test(q.postcode)) paramErrors.push({ code: 'pattern', name: 'postcode', reason: 'Waarde voldoet niet aan patroon ^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$.' });
      if (q.huisnummer === undefined) paramErrors.push({ code: 'required', name: 'huisnummer', reason: 'Parameter is verplicht.' });
      else if (!Number.isInteger(q.huisnummer) || (q.huisnummer as number) < 1 || (q.huisnummer as number) > 99999) paramErrors.push({ code: 'integer', name: 'huisnummer', reason: 'Waarde is geen geldige integer tussen 1 en 99999.' });
    }
    if (q.gemeenteVanInschrijving !== undefined && (typeof q.gemeenteVanInschrijving !== 'string' || !/^[0-9]{4}$/.test(q.gemeenteVanInschrijving))) {
      paramErrors.push({ code: 'pattern', name: 'gemeenteVanInschrijving', reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.' });
    }
    if (paramErrors.length) {
      const combination = fieldsError?.code === 'paramsCombination' || paramErrors.some((e) => e.code === 'required');
      return badRequest(path, combination ? 'paramsCombination' : 'paramsValidation', paramErrors);
    }
    const fields = (q.fields as string[]).map(unalias);
    // Authorisation as RvIG applies it per afnemer: first the parameters, then every field asked.
    const rubrieken = new Set(rubriekenVan(afnemer));
    const geautoriseerd = { has: (r: string) => rubrieken.has(ALLE_RUBRIEKEN) || rubrieken.has(r) };
    const parameters = Object.keys(q).filter((k) => RUBRIEK_PER_PARAMETER[k] && !geautoriseerd.has(RUBRIEK_PER_PARAMETER[k]));
    if (parameters.length) return unauthorizedParameter(path, parameters);
    if (fields.some((f) => rubriekenVoor(f).some((r) => !geautoriseerd.has(r)))) return unauthorizedField(path);
    const today = clock();
    const gemeente = q.gemeenteVanInschrijving as string | undefined;
    const candidates = type === 'RaadpleegMetBurgerservicenummer'
      ? [...new Set(q.burgerservicenummer as string[])].map((b) => register.get(b, today)).filter((p) => p !== undefined)
      : type === 'ZoekMetGeslachtsnaamEnGeboortedatum' ? register.zoek(q, today) : register.zoekOpAdres(q, today);
    const personen = candidates
      .filter((p) => !gemeente || (p.gemeenteVanInschrijving as { code?: string } | undefined)?.code === gemeente)
      .filter((p) => type === 'RaadpleegMetBurgerservicenummer' || q.inclusiefOverledenPersonen === true || !p.overlijden)
      .map((p) => selectFields(p, fields));
    return { contentType: json, body: { type, personen } };
  };
  // The address history (BRP historie API v2): the same checks of media types and afnemer, then historie.ts.
  const historie = (path: string) => ({ body, headers }: RouteRequest) => {
    const afnemer = String(headers['x-origin-oin'] ?? LAAG_AFNEMER);
    if (!/(^|,)\s*(\*\/\*|application\/\*|application\/json)/.test(String(headers.accept ?? '*/*'))) return notAcceptable(path);
    if (!/^application\/json/i.test(String(headers['content-type'] ?? ''))) return unsupportedMediaType(path);
    const q = (body ?? {}) as Record<string, unknown>;
    const rubrieken = new Set(rubriekenVan(afnemer));
    if (!rubrieken.has(ALLE_RUBRIEKEN) && HISTORIE_RUBRIEKEN.some((r) => !rubrieken.has(r))) return unauthorizedQuery(path);
    return historieAntwoord(path, q, typeof q.burgerservicenummer === 'string' ? register.historie(q.burgerservicenummer) : undefined);
  };
  const routes: Route[] = [
    ...['/personen', '/haalcentraal/api/brp/personen'].map((path): Route => ({ method: 'POST', path, handle: handle(path) })),
    ...['/verblijfplaatshistorie', '/haalcentraal/api/brphistorie/verblijfplaatshistorie'].map((path): Route => ({ method: 'POST', path, handle: historie(path) })),
  ];
  return createSimulatorServer('brp', routes);
}

/**
 * Everyone the simulated BRP holds: the population (synthetic people and the test persons it
 * includes) and every other person of RvIG's test set, whatever their age or municipality.
 */
class BrpRegister {
  private readonly testset = testsetPerBsn();
  constructor(private readonly population: Population) {}

  /** The address history of a person the register holds (newest first), or undefined. */
  historie(bsn: string): Voorkomen[] | undefined {
    const p = this.population.byBsn(bsn);
    if (p) return verblijfplaatshistorie(p, this.population.regions, this.population.peildatum);
    return this.testset.get(bsn)?.[LO3_VERBLIJFPLAATSHISTORIE] as Voorkomen[] | undefined;
  }

  get(bsn: string, today: Date): BrpPersoon | undefined {
    const p = this.population.byBsn(bsn);
    if (p) return toBrpPersoon(p, this.population.regions, today, this.population.peildatum);
    const t = this.testset.get(bsn);
    return t ? testpersoonOp(t, today) : undefined;
  }

  /** ZoekMetPostcodeEnHuisnummer: everyone registered at a Dutch address with this postcode and number (and huisletter/toevoeging when given). */
  zoekOpAdres(q: Record<string, unknown>, today: Date): BrpPersoon[] {
    const postcode = String(q.postcode).replace(' ', '').toUpperCase();
    const found: BrpPersoon[] = [];
    const past = (p: BrpPersoon) => {
      const v = p.verblijfplaats as { type?: string; verblijfadres?: Record<string, unknown> } | undefined;
      const a = v?.type === 'Adres' ? v.verblijfadres ?? {} : undefined;
      return a !== undefined && String(a.postcode ?? '').toUpperCase() === postcode && a.huisnummer === q.huisnummer
        && (q.huisletter === undefined || String(a.huisletter ?? '').toLowerCase() === String(q.huisletter).toLowerCase())
        && (q.huisnummertoevoeging === undefined || String(a.huisnummertoevoeging ?? '').toLowerCase() === String(q.huisnummertoevoeging).toLowerCase())
        && (q.geboortedatum === undefined || (p.geboorte as any)?.datum?.datum === q.geboortedatum)
        && (q.geslachtsnaam === undefined || String((p.naam as any)?.geslachtsnaam ?? '').toLowerCase() === String(q.geslachtsnaam).toLowerCase());
    };
    for (const p of this.population.persons()) {
      if (p.adres.postcode.replace(' ', '') !== postcode) continue;
      const b = toBrpPersoon(p, this.population.regions, today, this.population.peildatum);
      if (past(b)) found.push(b);
    }
    for (const t of this.testset.values()) {
      if (this.population.indexOf(t.burgerservicenummer) === undefined && past(t)) found.push(testpersoonOp(t, today));
    }
    return found;
  }

  private naamIndex: Map<string, number[]> | undefined;

  /** ZoekMetGeslachtsnaamEnGeboortedatum: exact birth date, case-insensitive surname (an index built on first use). */
  zoek(q: Record<string, unknown>, today: Date): BrpPersoon[] {
    const naam = String(q.geslachtsnaam).toLowerCase();
    const sleutel = (n: string, d: string) => `${n.toLowerCase()}|${d}`;
    if (!this.naamIndex) {
      this.naamIndex = new Map();
      for (let i = 0; i < this.population.size; i++) {
        const p = this.population.person(i);
        const k = sleutel(p.geslachtsnaam, p.geboortedatum);
        (this.naamIndex.get(k) ?? this.naamIndex.set(k, []).get(k)!).push(i);
      }
    }
    const found: BrpPersoon[] = (this.naamIndex.get(sleutel(naam, String(q.geboortedatum))) ?? [])
      .map((i) => toBrpPersoon(this.population.person(i), this.population.regions, today, this.population.peildatum));
    for (const t of this.testset.values()) {
      if (this.population.indexOf(t.burgerservicenummer) !== undefined) continue;
      if (t.geboorte?.datum?.datum === q.geboortedatum && String(t.naam?.geslachtsnaam ?? '').toLowerCase() === naam) found.push(testpersoonOp(t, today));
    }
    return found;
  }
}
