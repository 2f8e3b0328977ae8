import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Instelling, Medewerker } from './types';

/** Fixed lists the generator draws from. All names and institutions are fictitious. */
export const VOORNAMEN_M = ['Daan', 'Sem', 'Milan', 'Levi', 'Luuk', 'Bram', 'Finn', 'Thijs', 'Jesse', 'Noah',
  'Ruben', 'Lars', 'Mohammed', 'Yusuf', 'Jayden', 'Tim', 'Stijn', 'Niels', 'Kevin', 'Dylan'];
export const VOORNAMEN_V = ['Emma', 'Julia', 'Sophie', 'Lotte', 'Anna', 'Tess', 'Sanne', 'Lisa', 'Fleur', 'Eva',
  'Noor', 'Fatima', 'Amira', 'Zoë', 'Iris', 'Femke', 'Anouk', 'Lieke', 'Roos', 'Sara'];
export const GESLACHTSNAMEN = ['Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters',
  'Hendriks', 'Dekker', 'Brouwer', 'Kok', 'Jacobs', 'Vermeulen', 'Schouten', 'Willems', 'Hoekstra', 'Koster',
  'Prins', 'Yilmaz', 'El Amrani', 'Postma', 'Kramer', 'Huisman', 'Kuipers', 'Veenstra', 'Oosterhuis'];
/** Surnames that take a voorvoegsel: [voorvoegsel, geslachtsnaam]. */
export const MET_VOORVOEGSEL: [string, string][] = [['de', 'Vries'], ['van', 'Dijk'], ['de', 'Boer'],
  ['van der', 'Meer'], ['de', 'Jong'], ['van den', 'Berg'], ['van', 'Leeuwen'], ['de', 'Groot']];
export const STRATEN = ['Kerkstraat', 'Schoolstraat', 'Molenweg', 'Dorpsstraat', 'Stationsweg', 'Julianastraat',
  'Beatrixlaan', 'Wilhelminastraat', 'Esdoornlaan', 'Eikenlaan', 'Kanaalweg', 'Brink', 'Parallelweg', 'Zuiderdiep'];

export const VO_SCHOLEN: Instelling[] = [
  { brin: '90AA', naam: 'Scholengemeenschap De Esch' }, { brin: '90AB', naam: 'Lyceum Het Veld' },
  { brin: '90AC', naam: 'College Polderrand' }, { brin: '90AD', naam: 'Scholengroep Merwedal' },
];
/** Schools for praktijkonderwijs and voortgezet speciaal onderwijs: their own BRINs, as in reality. */
export const PRO_SCHOLEN: Instelling[] = [{ brin: '90BA', naam: 'Praktijkschool De Brug' }, { brin: '90BB', naam: 'Praktijkcollege Het Ambacht' }];
export const VSO_SCHOLEN: Instelling[] = [{ brin: '90CA', naam: 'VSO De Sprong' }, { brin: '90CB', naam: 'Mytylschool De Horizon' }];
export const MBO_INSTELLINGEN: Instelling[] = [
  { brin: '91AA', naam: 'ROC Drentse Zanden' }, { brin: '91AB', naam: 'ROC Nieuw Land' },
  { brin: '91AC', naam: 'Vakcollege Rivierenland' },
];
export const HBO_INSTELLINGEN: Instelling[] = [{ brin: '92AA', naam: 'Hogeschool Noordoost' }];
export const WO_INSTELLINGEN: Instelling[] = [{ brin: '93AA', naam: 'Universiteit van het Noorden' }];

/** [code, name] of fictitious programmes; mbo codes are crebo-shaped. */
export const MBO_OPLEIDINGEN: Record<number, [string, string][]> = {
  1: [['25998', 'Entree - Assistent dienstverlening']],
  2: [['25255', 'Logistiek medewerker'], ['25656', 'Verkoopmedewerker'], ['25489', 'Helpende zorg en welzijn']],
  3: [['25475', 'Verzorgende IG'], ['25284', 'Eerste monteur elektrotechniek'], ['25731', 'Kok']],
  4: [['25604', 'Software developer'], ['25483', 'Pedagogisch medewerker'], ['25270', 'Marketing en communicatie']],
};
export const HBO_OPLEIDINGEN: [string, string][] = [['34476', 'Hbo-ICT'], ['34560', 'Social Work'], ['35520', 'Verpleegkunde']];
export const WO_OPLEIDINGEN: [string, string][] = [['56828', 'Psychologie'], ['56962', 'Rechtsgeleerdheid']];
export const WO_MASTERS: [string, string][] = [['66604', 'Psychologie (master)'], ['66507', 'Rechtsgeleerdheid (master)']];

export const VSV_REDENEN = ['Verkeerde studiekeuze', 'Motivatieproblemen', 'Werk gevonden zonder diploma',
  'Persoonlijke omstandigheden', 'Financiële redenen'];

/** Coaches per Doorstroompunt region and werkcoaches per arbeidsmarktregio (fictitious). */
export function medewerkers(prefix: string, count: number, namen: string[]): Medewerker[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${String(i + 1).padStart(3, '0')}`, naam: namen[i % namen.length] }));
}
export const COACHNAMEN = ['A. de Wit', 'M. Hoekstra', 'S. Öztürk', 'J. Kramer', 'L. Bouma', 'R. Tahiri', 'K. Zijlstra'];

export const AANBIEDERS = [
  { agb: '98000001', naam: 'Jeugdhulp Noord (synthetisch)' }, { agb: '98000002', naam: 'Stichting Samen Verder' },
  { agb: '98000003', naam: 'Begeleiding Op Maat' }, { agb: '98000004', naam: 'GGZ Jong Flevo' },
];

export interface Productcategorie { wet: 'JEUGDWET' | 'WMO'; code: string; omschrijving: string }

/** The iJw (JZ020) and iWmo (WMO020) product categories from the iStandaarden code lists. */
export function loadProductcategorieen(): Productcategorie[] {
  const text = readFileSync(join(__dirname, 'reference', 'ijw-iwmo-productcategorie.csv'), 'utf8');
  return (parse(text, { columns: true }) as Record<string, string>[]).map((r) => ({
    wet: r.wet === 'Jeugdwet' ? 'JEUGDWET' : 'WMO', code: r.code, omschrijving: r.omschrijving,
  }));
}
/**
 * Categories the generator uses, per law, with weights (codes from the lists above): about 9% of
 * youth care is residential (43, 44), as CBS reports; 47 and 48 are the justice measures.
 */
export const JEUGD_CODES: readonly (readonly [string, number])[] = [['45', 50], ['54', 18], ['51', 8], ['41', 6], ['43', 3], ['44', 3], ['47', 2], ['48', 3]];
/** Jeugdreclassering (47) and jeugdbescherming (48): justice measures, not care. */
export const JUSTITIELE_CATEGORIEEN: readonly string[] = ['47', '48'];
export const WMO_CODES: readonly (readonly [string, number])[] = [['02', 40], ['07', 10], ['15', 10], ['03', 15], ['01', 15], ['16', 10]];

/** iJw/iWmo code lists (JZ002, JZ588, WJ232, WJ756, WJ757) by list and code. */
export function loadCodelijsten(): Map<string, Map<string, string>> {
  const text = readFileSync(join(__dirname, 'reference', 'ijw-codelijsten.csv'), 'utf8');
  const lijsten = new Map<string, Map<string, string>>();
  for (const r of parse(text, { columns: true }) as Record<string, string>[]) {
    if (!lijsten.has(r.lijst)) lijsten.set(r.lijst, new Map());
    lijsten.get(r.lijst)!.set(r.code, r.omschrijving);
  }
  return lijsten;
}
