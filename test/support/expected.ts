import { ageOn, isoDate } from '../../lib/domain/dates';
import type { RegionRegistry } from '../../lib/domain/regions';
import { isStartkwalificatie } from '../../population/careers';
import type { SynthPersoon } from '../../population/types';
import { zoalsGeleverd } from './duo';

/**
 * What the integral view must show for a generated person, derived from the generator's ground
 * truth independently of the subgraphs' code.
 */
export function expectedIntegraal(volledig: SynthPersoon, regions: RegionRegistry, today: Date) {
  // Education as DUO delivered it to the RMC function (ages 4 to under 23), not the full truth.
  const p = zoalsGeleverd(volledig, isoDate(today));
  const gemeente = regions.get(p.gemeenteCode)!;
  const dag = isoDate(today);
  const trajecten = p.leerplicht.trajecten;
  const huidig = trajecten.at(-1) ?? null;
  return {
    bsn: p.bsn,
    naam: { voornamen: p.voornamen, voorvoegsel: p.voorvoegsel ?? null, geslachtsnaam: p.geslachtsnaam,
      volledigeNaam: [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' ') },
    geslacht: p.geslacht,
    geboortedatum: p.geboortedatum,
    leeftijd: p.overlijdensdatum ? null : ageOn(p.geboortedatum, today),
    overlijdensdatum: p.overlijdensdatum ?? null,
    nationaliteiten: [p.nationaliteit.omschrijving],
    woonadres: { straat: p.adres.straat, huisnummer: p.adres.huisnummer, huisletter: p.adres.huisletter ?? null, huisnummertoevoeging: p.adres.huisnummertoevoeging ?? null, postcode: p.adres.postcode, woonplaats: p.adres.woonplaats ?? null },
    gemeente: { code: gemeente.code, naam: gemeente.naam, arbeidsmarktregio: { code: gemeente.arbeidsmarktregio }, doorstroompuntregio: { code: gemeente.doorstroompuntregio } },
    startkwalificatie: p.onderwijs.diplomas.some(isStartkwalificatie),
    inschrijvingen: p.onderwijs.inschrijvingen.map((i) => ({ id: i.id, instelling: i.instelling, onderwijssoort: i.onderwijssoort,
      niveau: i.niveau, leerweg: i.leerweg, opleidingscode: i.opleidingscode, opleiding: i.opleiding, begindatum: i.begindatum, einddatum: i.einddatum })),
    huidigeInschrijving: p.onderwijs.inschrijvingen.filter((i) => i.einddatum === null).map((i) => ({ id: i.id })).at(-1) ?? null,
    diplomas: p.onderwijs.diplomas.map((d) => ({ id: d.id, instelling: d.instelling, onderwijssoort: d.onderwijssoort, niveau: d.niveau,
      opleidingscode: d.opleidingscode, opleiding: d.opleiding, datum: d.datum, startkwalificatie: isStartkwalificatie(d) })),
    vsvRegistraties: p.onderwijs.vsv.map((v) => ({ id: v.id, instelling: v.instelling, datum: v.datum, inschrijvingId: v.inschrijvingId })),
    doorstroomstatus: huidig?.status ?? null,
    doorstroomcoach: huidig?.coach ?? null,
    doorstroomtrajecten: trajecten.map((t) => ({ id: t.id, aanleiding: t.aanleiding, status: t.status, startdatum: t.startdatum,
      einddatum: t.einddatum, uitkomst: t.uitkomst, coach: t.coach, contactmomenten: t.contactmomenten })),
    verzuimmeldingen: p.leerplicht.verzuimmeldingen.map((v) => ({ id: v.id, soort: v.soort, datum: v.datum, uren: v.uren, status: v.status, instelling: v.instelling })),
    vsvMeldingen: p.leerplicht.vsvMeldingen.map((v) => ({ id: v.id, datum: v.datum, reden: v.reden, instelling: { brin: v.instelling.brin } })),
    heeftUitkering: p.participatie.uitkering !== null,
    uitkering: p.participatie.uitkering,
    reintegratietrajecten: p.participatie.trajecten,
    jongerenInBeeld: p.participatie.jongerenInBeeld,
    heeftWerk: p.participatie.werk.some((w) => w.begindatum <= dag && (w.einddatum === null || w.einddatum >= dag)),
    dienstverbanden: p.participatie.werk,
    heeftZorgtoewijzing: p.zorg.toewijzingen.some((t) => !justitieel(t) && lopend(t, dag)),
    zorgtoewijzingen: p.zorg.toewijzingen.filter((t) => !justitieel(t)).map((t) => toewijzing(t, dag)),
    justitieleMaatregelen: p.zorg.toewijzingen.filter((t) => t.wet === 'JEUGDWET' && t.productcategorie.code === '47').map((t) => toewijzing(t, dag)),
    jeugdbeschermingsmaatregelen: p.zorg.toewijzingen.filter((t) => t.wet === 'JEUGDWET' && t.productcategorie.code === '48').map((t) => toewijzing(t, dag)),
  };
}

/** Jeugdreclassering (JZ020 47) and jeugdbescherming (48): criminal-law data, never shown as care (issue 8). */
const justitieel = (t: SynthPersoon['zorg']['toewijzingen'][number]) => t.wet === 'JEUGDWET' && (t.productcategorie.code === '47' || t.productcategorie.code === '48');

function toewijzing(t: SynthPersoon['zorg']['toewijzingen'][number], dag: string) {
  return {
    toewijzingsnummer: t.id, wet: t.wet, productcategorie: { codelijst: t.wet === 'JEUGDWET' ? 'JZ020' : 'WMO020', ...t.productcategorie },
    aanbieder: { agbCode: t.aanbieder.agb, naam: t.aanbieder.naam }, toewijzingsdatum: t.toewijzingsdatum, begindatum: t.begindatum,
    einddatum: t.einddatum, startZorg: t.startZorg, stopZorg: t.stopZorg, lopend: lopend(t, dag),
    productcode: t.productcode, omvang: t.omvang, redenWijziging: t.redenWijziging, juridischeStatus: t.juridischeStatus, redenBeeindiging: t.redenBeeindiging,
  };
}

function lopend(t: SynthPersoon['zorg']['toewijzingen'][number], dag: string): boolean {
  return t.startZorg !== null && t.stopZorg === null && t.begindatum <= dag && (t.einddatum === null || t.einddatum >= dag);
}
