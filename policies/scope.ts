import { addMonths, ageOn, parseIsoDate } from '../lib/domain/dates';
import type { RegionRegistry } from '../lib/domain/regions';
import type { Besluit, Verwerkingsactiviteit } from './types';

/** What the rules must know about a person to decide scope; null where the source did not say. */
export interface Persoonskenmerken {
  bsn: string;
  gemeente: string | null;
  geboortedatum: string | null;
  /** Schools the person is or was enrolled at, with the diploma date there; null when not known in this request. */
  onderwijs: { brin: string; ingeschreven: boolean; diplomadatum: string | null; uitschrijfdatum?: string | null }[] | null;
  /**
   * Facts that could not be verified, with the source to blame: `beleid` (residence, birth date)
   * and `onderwijs` (schools). A condition that needs them cannot be decided.
   */
  onverifieerbaar?: { beleid?: { bron: string; reden: string }; onderwijs?: { bron: string; reden: string } };
}

/** The employee's side: their organisation and, for self-service, their own BSN. */
export interface Aanvrager { organisatie: string | null; bsn: string | null }

const buiten = (reden: string): Besluit => ({ uitkomst: 'BUITEN_BEREIK', reden });

/**
 * Whether a person falls within an activity's conditions for this employee on `today`:
 * self only, age range, region of the employee's municipality, own students, nazorg window.
 */
export function beoordeelBereik(a: Verwerkingsactiviteit, p: Persoonskenmerken, wie: Aanvrager, today: string, regions: RegionRegistry): Besluit {
  const v = a.voorwaarden;
  if (v.alleenEigenGegevens && p.bsn !== wie.bsn) return buiten('only the young person\'s own data');
  const beleid = p.onverifieerbaar?.beleid;
  if (beleid && (v.leeftijd || v.regio)) return { uitkomst: 'ONVERIFIEERBAAR', bron: beleid.bron, reden: beleid.reden };
  const onderwijs = p.onverifieerbaar?.onderwijs;
  if (onderwijs && (v.eigenStudenten || v.nazorgMaanden)) return { uitkomst: 'ONVERIFIEERBAAR', bron: onderwijs.bron, reden: onderwijs.reden };
  if (v.leeftijd) {
    if (!p.geboortedatum) return buiten('age unknown');
    const age = ageOn(p.geboortedatum, parseIsoDate(today));
    if (age < v.leeftijd.van || age >= v.leeftijd.tot) return buiten(`age outside ${v.leeftijd.van} to under ${v.leeftijd.tot}`);
  }
  if (v.regio) {
    const gemeenten = scopeGemeenten(v.regio, wie.organisatie, regions);
    if (!p.gemeente || !gemeenten.has(p.gemeente)) return buiten(`not living in the employee's ${v.regio}`);
  }
  if (v.eigenStudenten || v.nazorgMaanden) {
    if (!p.onderwijs) return buiten('school relation unknown');
    const eigen = p.onderwijs.filter((o) => o.brin === wie.organisatie);
    if (eigen.length === 0) return buiten('not a student of the employee\'s school');
    if (v.nazorgMaanden) {
      const vanaf = addMonths(today, -v.nazorgMaanden);
      // The window opens with the diploma (mbo) or, for pro and vso, with leaving the school, diploma or not.
      const opent = (o: { diplomadatum: string | null; uitschrijfdatum?: string | null }) => (v.nazorgVanaf === 'uitschrijving' ? o.uitschrijfdatum ?? null : o.diplomadatum);
      if (!eigen.some((o) => { const d = opent(o); return d !== null && d >= vanaf && d <= today; })) {
        return buiten(v.nazorgVanaf === 'uitschrijving' ? `not a pupil who left the employee's school in the last ${v.nazorgMaanden} months`
          : `no diploma from the employee's school in the last ${v.nazorgMaanden} months`);
      }
    }
  }
  return { uitkomst: 'TOEGESTAAN' };
}

/** The municipalities an employee of `organisatie` may see under a region condition. */
export function scopeGemeenten(scope: 'gemeente' | 'arbeidsmarktregio' | 'doorstroompuntregio', organisatie: string | null, regions: RegionRegistry): Set<string> {
  const gemeente = organisatie ? regions.get(organisatie) : undefined;
  if (!gemeente || gemeente.soort !== 'GEMEENTE') return new Set();
  const code = scope === 'gemeente' ? gemeente.code : scope === 'arbeidsmarktregio' ? gemeente.arbeidsmarktregio : gemeente.doorstroompuntregio;
  return new Set(regions.get(code!)?.gemeenten ?? []);
}

/**
 * The activity's statutory exclusion for one category of one person: out of scope (naming the
 * article) while it applies; undecidable when the education facts it needs are not known.
 */
export function beoordeelUitsluiting(a: Verwerkingsactiviteit, p: Persoonskenmerken, categorie: string, today: string): Besluit {
  const u = a.voorwaarden.uitsluiting;
  if (!u || u.behalve.includes(categorie)) return { uitkomst: 'TOEGESTAAN' };
  if (!p.geboortedatum || ageOn(p.geboortedatum, parseIsoDate(today)) >= u.totLeeftijd) return { uitkomst: 'TOEGESTAAN' };
  const onderwijs = p.onverifieerbaar?.onderwijs;
  if (onderwijs) return { uitkomst: 'ONVERIFIEERBAAR', bron: onderwijs.bron, reden: onderwijs.reden };
  if (p.onderwijs === null) return { uitkomst: 'ONVERIFIEERBAAR', bron: 'onderwijs', reden: `${u.grondslag} needs the education facts, which did not arrive` };
  return p.onderwijs.some((o) => o.ingeschreven) ? buiten(`${u.grondslag}: under ${u.totLeeftijd} and enrolled in funded education`) : { uitkomst: 'TOEGESTAAN' };
}
