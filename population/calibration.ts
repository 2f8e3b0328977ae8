import { addDays, addMonths, addYears, ageOn, parseIsoDate } from '../lib/domain/dates';
import { isStartkwalificatie } from './careers';
import { JUSTITIELE_CATEGORIEEN } from './catalog';
import { LO3_VERBLIJFPLAATSHISTORIE } from './lo3';
import { gezinVan, herkomstVan, woonhistorie } from './verblijf';
import type { RegionRegistry } from '../lib/domain/regions';
import type { SynthPersoon } from './types';

/**
 * The public figures the synthetic population is calibrated to: one table, each target with its
 * source and tolerance (in percentage points). `npm run population:report` prints measured shares
 * next to them and writes the table into docs/population.md; a test asserts every share within
 * its tolerance on the default population.
 */
export interface Doel {
  id: string;
  /** What is measured, in Dutch as the sources phrase it. */
  omschrijving: string;
  /** Target share in percent. */
  doel: number;
  /** Allowed deviation in percentage points. */
  marge: number;
  bron: string;
}

const CBS_VSV = 'OCW/DUO: nieuwe voortijdig schoolverlaters per sector, recente schooljaren (vo ca. 0,5–0,8%, mbo ca. 5%, vo en mbo samen ca. 2%)';

export const DOELEN: Doel[] = [
  { id: 'onderwijs-16-24', omschrijving: 'ingeschreven in het onderwijs, 16–24 jaar', doel: 71, marge: 6,
    bron: 'CBS: ca. 73% van de 15–24-jarigen volgt onderwijs; zonder de 15-jarigen (vrijwel allen op school) ca. 71%' },
  { id: 'geen-sk-niet-ingeschreven-18-24', omschrijving: 'zonder startkwalificatie en niet ingeschreven, 18–24 jaar', doel: 6, marge: 2,
    bron: 'CBS: vroegtijdige schoolverlaters 18–24 jaar (EU-definitie), ca. 6%' },
  { id: 'geen-sk-niet-ingeschreven-16-17', omschrijving: 'zonder startkwalificatie en niet ingeschreven, 16–17 jaar (kwalificatieplicht)', doel: 0.5, marge: 0.7,
    bron: 'Leerplichtwet 1969 (kwalificatieplicht tot 18): alleen vrijstellingen en absoluut verzuim, enkele promilles' },
  { id: 'vsv-vo', omschrijving: 'nieuwe vsv\'ers per schooljaar, vo (van de vo-leerlingen jonger dan 23)', doel: 0.6, marge: 0.5, bron: CBS_VSV },
  { id: 'vsv-mbo', omschrijving: 'nieuwe vsv\'ers per schooljaar, mbo (van de mbo-studenten jonger dan 23)', doel: 5, marge: 2, bron: CBS_VSV },
  { id: 'vsv-totaal', omschrijving: 'nieuwe vsv\'ers per schooljaar, vo en mbo samen (16+)', doel: 3, marge: 1,
    bron: `${CBS_VSV}. Landelijk telt het vo ook alle 12–15-jarigen mee; onder 16+ zijn er ongeveer evenveel mbo- als vo-leerlingen, dus vo 0,6% en mbo 5% geven samen ca. 3%` },
  { id: 'niveau-laag-25-27', omschrijving: 'hoogst behaalde opleiding laag (geen startkwalificatie), 25–27 jaar', doel: 11, marge: 3,
    bron: 'CBS: onderwijsniveau 25–35-jarigen (laag ca. 12%, middelbaar ca. 40%, hoog ca. 48%); 25–27-jarigen zijn deels nog in het hoger onderwijs, dus iets minder hoog en iets meer middelbaar (ca. 11 / 42 / 47)' },
  { id: 'niveau-middelbaar-25-27', omschrijving: 'hoogst behaalde opleiding middelbaar (havo, vwo, mbo 2–4), 25–27 jaar', doel: 42, marge: 6,
    bron: 'CBS: onderwijsniveau 25–35-jarigen, zie boven' },
  { id: 'niveau-hoog-25-27', omschrijving: 'hoogst behaalde opleiding hoog (hbo, wo), 25–27 jaar', doel: 47, marge: 6,
    bron: 'CBS: onderwijsniveau 25–35-jarigen, zie boven' },
  { id: 'bijstand-18-27', omschrijving: 'met bijstandsuitkering, 18–27 jaar', doel: 2, marge: 1,
    bron: 'CBS: bijstandsontvangers jonger dan 27 ca. 45 duizend op ca. 2,3 miljoen 18–27-jarigen' },
  { id: 'jeugdhulp-16-17', omschrijving: 'met lopende jeugdhulp, 16–17 jaar', doel: 11, marge: 3,
    bron: 'CBS Beleidsinformatie jeugd: ca. 1 op 10 jongeren tot 18 jaar ontvangt jeugdhulp' },
  { id: 'jeugdhulp-verblijf', omschrijving: 'aandeel met verblijf van de lopende jeugdhulp, 16–17 jaar', doel: 9, marge: 5,
    bron: 'CBS Beleidsinformatie jeugd: ca. 9% van de jeugdhulptrajecten is met verblijf' },
  { id: 'zonder-werk-entree', omschrijving: 'zonder werk en zonder opleiding een jaar na een entreediploma (mbo 1)', doel: 33, marge: 7,
    bron: 'Uitvoeringstoets Van school naar duurzaam werk: "een derde van de gediplomeerden van de entreeopleiding" heeft na een jaar geen werk' },
  { id: 'zonder-werk-bol-2', omschrijving: 'zonder werk en zonder opleiding een jaar na een bol-diploma op niveau 2', doel: 20, marge: 7,
    bron: 'Uitvoeringstoets Van school naar duurzaam werk: "een vijfde van de bol-2-gediplomeerden"' },
  { id: 'praktijkonderwijs', omschrijving: 'ooit in het praktijkonderwijs (JIKP-groep)', doel: 3, marge: 1.5,
    bron: 'DUO/CBS: ca. 3% van de vo-leerlingen zit in het praktijkonderwijs' },
  { id: 'vso', omschrijving: 'ooit in het voortgezet speciaal onderwijs (JIKP-groep)', doel: 2.5, marge: 1.5,
    bron: 'DUO/CBS: ca. 2–3% van de leerlingen in het voortgezet onderwijs zit in het vso' },
  { id: 'neet-16-27', omschrijving: 'zonder werk en zonder opleiding, 16–27 jaar', doel: 4.5, marge: 2,
    bron: 'CBS Landelijke Jeugdmonitor 2024: ruim 100 duizend jongeren zonder werk en opleiding, ca. 4% van de 15–27-jarigen' },
  { id: 'werkend-25-27', omschrijving: 'met betaald werk, 25–27 jaar', doel: 85, marge: 5,
    bron: 'CBS: netto arbeidsparticipatie van 25–27-jarigen ca. 85%' },
  { id: 'bijbaan-studenten', omschrijving: 'studenten (16+, niet bbl) met een bijbaan', doel: 65, marge: 8,
    bron: 'CBS: 60–70% van de scholieren en studenten van 15–25 jaar heeft een bijbaan' },
  { id: 'bbl-3-4-zonder-werk', omschrijving: 'bbl-studenten niveau 3 en 4 zonder werk', doel: 2, marge: 2,
    bron: 'De bbl is een leerwerktraject: zonder leerbaan geen bbl; uitval van de leerbaan ca. 2%' },
  { id: 'niet-nederlands-16-27', omschrijving: 'zonder Nederlandse nationaliteit, 16–27 jaar', doel: 6, marge: 3,
    bron: 'CBS: ca. 7% van de inwoners heeft geen Nederlandse nationaliteit (2024); bij jongeren vergelijkbaar, in de grote steden meer' },
  { id: 'niet-nederlands-den-haag', omschrijving: 'zonder Nederlandse nationaliteit, 16–27 jaar, in Den Haag', doel: 15, marge: 6,
    bron: 'AANNAME op basis van CBS (aandeel inwoners zonder Nederlandse nationaliteit in de grote steden ca. 12–18%)' },
  { id: 'verblijfstitel-16-27', omschrijving: 'met een geldige verblijfstitel in de BRP (niet-EU-nationaliteit), 16–27 jaar', doel: 4, marge: 2,
    bron: 'AANNAME op basis van CBS (bevolking naar nationaliteit): ongeveer de helft van de jongeren zonder Nederlandse nationaliteit heeft een nationaliteit van buiten de EU en daarmee een verblijfstitel; EU-burgers hebben er geen nodig' },
  { id: 'in-buitenland-geboren-16-27', omschrijving: 'in het buitenland geboren (met immigratie in de BRP), 16–27 jaar', doel: 10, marge: 4,
    bron: 'AANNAME op basis van CBS StatLine (bevolking naar geboorteland): ca. 10% van de 15–25-jarigen is in het buitenland geboren' },
  { id: 'verhuisd-andere-gemeente-18-27', omschrijving: 'in de afgelopen 12 maanden naar een andere gemeente verhuisd, 18–27 jaar', doel: 9, marge: 4,
    bron: 'AANNAME op basis van CBS (verhuisbewegingen naar leeftijd): jongvolwassenen verhuizen het meest, ca. een op vijf per jaar, van wie ongeveer de helft naar een andere gemeente' },
  { id: 'partner-25-27', omschrijving: 'gehuwd of geregistreerd partner, 25–27 jaar', doel: 8, marge: 5,
    bron: 'AANNAME op basis van CBS (burgerlijke staat naar leeftijd): onder 25–30-jarigen is een klein deel gehuwd' },
  { id: 'toestemming-kwetsbaar', omschrijving: 'toestemmingskans van kwetsbare jongeren (geen startkwalificatie en niet ingeschreven, uitkering of jeugdhulp met verblijf)', doel: 35, marge: 6,
    bron: 'AANNAME: de uitvoeringstoets noemt als risico dat juist de kwetsbaarste jongeren geen toestemming geven; geen cijfer gevonden' },
  { id: 'toestemming-overig', omschrijving: 'toestemmingskans van de overige jongeren', doel: 65, marge: 6,
    bron: 'AANNAME: geen openbaar cijfer gevonden' },
];

/** Whether the person moved into their municipality from another one in the 12 months before `peildatum` (BRP address history). */
function verhuisdNaarAndereGemeente(p: SynthPersoon, peildatum: string, regions?: RegionRegistry): boolean {
  const jaarGeleden = addYears(peildatum, -1);
  const reeks: { gemeente: string; vanaf: string }[] = p.brp
    ? ((p.brp[LO3_VERBLIJFPLAATSHISTORIE] ?? []) as any[]).map((v) => ({ gemeente: v.gemeenteVanInschrijving?.code ?? '', vanaf: v.datumVan?.datum ?? '' }))
    : regions ? woonhistorie(p, regions.gemeenten(), peildatum).map((w) => ({ gemeente: w.gemeenteCode, vanaf: w.vanaf })) : [];
  return reeks.some((w, i) => i + 1 < reeks.length && reeks[i + 1].gemeente !== w.gemeente && w.vanaf > jaarGeleden && w.vanaf <= peildatum);
}

/** A residence title in force on `peildatum`, as the BRP serves it (RvIG's test persons: categorie 10; synthetic people: population/verblijf.ts). */
function heeftVerblijfstitel(p: SynthPersoon, peildatum: string): boolean {
  const geldig = (ingang: string | undefined, einde: string | undefined) => (!ingang || ingang <= peildatum) && (!einde || einde > peildatum);
  if (p.brp) return p.brp.verblijfstitel !== undefined && geldig(p.brp.verblijfstitel.datumIngang?.datum, p.brp.verblijfstitel.datumEinde?.datum);
  const t = herkomstVan(p, peildatum).verblijfstitel;
  return t !== undefined && geldig(t.datumIngang, t.datumEinde);
}

/** Enrolled on `day`: an enrolment that started and has not ended. */
export function ingeschrevenOp(p: SynthPersoon, day: string): boolean {
  return p.onderwijs.inschrijvingen.some((i) => i.begindatum <= day && (i.einddatum === null || i.einddatum >= day));
}

export function skOp(p: SynthPersoon, day: string): boolean {
  return p.onderwijs.diplomas.some((d) => d.datum <= day && isStartkwalificatie(d));
}

export function werktOp(p: SynthPersoon, day: string): boolean {
  return p.participatie.werk.some((w) => w.begindatum <= day && (w.einddatum === null || w.einddatum >= day));
}

/** The vulnerable group the consent targets speak of. */
export function kwetsbaar(p: SynthPersoon, peildatum: string): boolean {
  return (!skOp(p, peildatum) && !ingeschrevenOp(p, peildatum)) || p.participatie.uitkering !== null
    || p.zorg.toewijzingen.some((t) => ['43', '44'].includes(t.productcategorie.code) && t.wet === 'JEUGDWET');
}

type Meting = { teller: number; noemer: number };

/** Measured shares (percent) of every target on a population, from the ground truth alone. */
export function meet(personen: Iterable<SynthPersoon>, peildatum: string, regions?: RegionRegistry): Map<string, Meting> {
  const peil = parseIsoDate(peildatum);
  const m = new Map<string, Meting>(DOELEN.map((d) => [d.id, { teller: 0, noemer: 0 }]));
  const tel = (id: string, inNoemer: boolean, inTeller: boolean) => {
    if (!inNoemer) return;
    const x = m.get(id)!;
    x.noemer++;
    if (inTeller) x.teller++;
  };
  // The last completed school year and its reference date (1 October, as DUO counts participants).
  const jaar = Number(peildatum.slice(0, 4)) - (peildatum.slice(5) < '08-01' ? 2 : 1);
  const schooljaarStart = `${jaar}-08-01`;
  const schooljaarEind = `${jaar + 1}-07-31`;
  const teldatum = `${jaar}-10-01`;
  for (const p of personen) {
    const leeftijd = ageOn(p.geboortedatum, peil);
    const ingeschreven = ingeschrevenOp(p, peildatum);
    const sk = skOp(p, peildatum);
    tel('onderwijs-16-24', leeftijd >= 16 && leeftijd <= 24, ingeschreven);
    tel('geen-sk-niet-ingeschreven-18-24', leeftijd >= 18 && leeftijd <= 24, !sk && !ingeschreven);
    tel('geen-sk-niet-ingeschreven-16-17', leeftijd >= 16 && leeftijd <= 17, !sk && !ingeschreven);
    // vsv per sector: participants on 1 October younger than 23, new vsv registrations in that school year.
    const jongerDan23 = ageOn(p.geboortedatum, parseIsoDate(teldatum)) < 23;
    const vsvIn = (soort: string) => p.onderwijs.vsv.some((v) => v.datum >= addDays(schooljaarStart, 30) && v.datum <= addDays(schooljaarEind, 30)
      && p.onderwijs.inschrijvingen.find((i) => i.id === v.inschrijvingId)?.onderwijssoort === soort);
    for (const soort of ['VO', 'MBO'] as const) {
      const deelnemer = jongerDan23 && p.onderwijs.inschrijvingen.some((i) => i.onderwijssoort === soort && i.begindatum <= teldatum && (i.einddatum === null || i.einddatum >= teldatum));
      tel(soort === 'VO' ? 'vsv-vo' : 'vsv-mbo', deelnemer, vsvIn(soort));
      tel('vsv-totaal', deelnemer, vsvIn(soort));
    }
    if (leeftijd >= 25 && leeftijd <= 27) {
      const hoog = p.onderwijs.diplomas.some((d) => d.onderwijssoort === 'HBO' || d.onderwijssoort === 'WO');
      tel('niveau-laag-25-27', true, !sk);
      tel('niveau-middelbaar-25-27', true, sk && !hoog);
      tel('niveau-hoog-25-27', true, hoog);
    }
    tel('bijstand-18-27', leeftijd >= 18, p.participatie.uitkering !== null);
    const werkt = werktOp(p, peildatum);
    tel('niet-nederlands-16-27', true, p.nationaliteit.code !== '0001');
    tel('niet-nederlands-den-haag', p.gemeenteCode === 'GM0518', p.nationaliteit.code !== '0001');
    tel('verblijfstitel-16-27', true, heeftVerblijfstitel(p, peildatum));
    tel('in-buitenland-geboren-16-27', true, p.brp ? p.brp.immigratie !== undefined : herkomstVan(p, peildatum).immigratie !== undefined);
    tel('verhuisd-andere-gemeente-18-27', leeftijd >= 18, verhuisdNaarAndereGemeente(p, peildatum, regions));
    tel('partner-25-27', leeftijd >= 25 && leeftijd <= 27, p.brp ? (p.brp.partners ?? []).some((x: any) => !x.ontbindingHuwelijkPartnerschap) : gezinVan(p, peildatum).partner !== undefined);
    tel('neet-16-27', leeftijd >= 16 && leeftijd < 27, !ingeschreven && !werkt);
    tel('werkend-25-27', leeftijd >= 25 && leeftijd <= 27, werkt);
    const lopend = p.onderwijs.inschrijvingen.filter((i) => i.begindatum <= peildatum && (i.einddatum === null || i.einddatum >= peildatum));
    tel('bijbaan-studenten', leeftijd >= 16 && lopend.length > 0 && lopend.every((i) => i.leerweg !== 'BBL' && i.niveau !== 'praktijkonderwijs' && i.niveau !== 'vso'), werkt);
    tel('bbl-3-4-zonder-werk', lopend.some((i) => i.leerweg === 'BBL' && (i.niveau === '3' || i.niveau === '4')), !werkt);
    if (leeftijd >= 16 && leeftijd <= 17) {
      const lopend = p.zorg.toewijzingen.filter((t) => t.wet === 'JEUGDWET' && !JUSTITIELE_CATEGORIEEN.includes(t.productcategorie.code)
        && t.startZorg !== null && t.startZorg <= peildatum && t.stopZorg === null && (t.einddatum === null || t.einddatum >= peildatum));
      tel('jeugdhulp-16-17', true, lopend.length > 0);
      tel('jeugdhulp-verblijf', lopend.length > 0, lopend.some((t) => ['43', '44'].includes(t.productcategorie.code)));
    }
    // A year after an mbo diploma obtained 12 to 24 months ago: neither working nor in education.
    for (const d of p.onderwijs.diplomas) {
      if (d.onderwijssoort !== 'MBO' || d.datum < addMonths(peildatum, -24) || d.datum > addMonths(peildatum, -12)) continue;
      const na = addYears(d.datum, 1);
      const zonder = !werktOp(p, na) && !ingeschrevenOp(p, na);
      const ins = p.onderwijs.inschrijvingen.find((i) => i.id === d.inschrijvingId);
      tel('zonder-werk-entree', d.niveau === '1', zonder);
      tel('zonder-werk-bol-2', d.niveau === '2' && ins?.leerweg === 'BOL', zonder);
    }
    tel('praktijkonderwijs', true, p.onderwijs.inschrijvingen.some((i) => i.niveau === 'praktijkonderwijs'));
    tel('vso', true, p.onderwijs.inschrijvingen.some((i) => i.niveau === 'vso'));
    const k = kwetsbaar(p, peildatum);
    // Consent propensity is a probability per person: its mean is the expected share that consents.
    const x = m.get(k ? 'toestemming-kwetsbaar' : 'toestemming-overig')!;
    x.noemer++;
    x.teller += p.toestemmingskans;
  }
  return m;
}

export function percentage({ teller, noemer }: Meting): number {
  return noemer === 0 ? NaN : (100 * teller) / noemer;
}
