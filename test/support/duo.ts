import { addYears, ageOn, parseIsoDate } from '../../lib/domain/dates';
import { loadRegister } from '../../policies/register';
import type { SynthPersoon } from '../../population/types';

/**
 * What the layer knows of a person's education: the rows DUO delivered to the RMC function, as
 * its documented rules say (adapters/onderwijs/duo-levering/spec), minus what the layer's storage
 * terms purged. Written from the rules, independently of the simulator and the store:
 * - the archive starts five years before the peildatum with a full delivery of everyone then aged
 *   4 to under 23 whose school career DUO still held (enrolled, or left less than five years ago);
 * - after that, every row is delivered in the week it happens while the person is 4 to under 23;
 * - rows older than their category's `opslag.bewaartermijn` in the register are deleted.
 * An enrolment whose end was never delivered stays open in the layer's view.
 */
const register = loadRegister();

export function geleverdOnderwijs(p: SynthPersoon, peildatum: string): SynthPersoon['onderwijs'] {
  const t0 = addYears(peildatum, -5);
  const leeftijd = (d: string) => ageOn(p.geboortedatum, parseIsoDate(d));
  const inLeeftijd = (d: string) => leeftijd(d) >= 4 && leeftijd(d) < 23;
  const begonnen = p.onderwijs.inschrijvingen.filter((i) => i.begindatum <= t0);
  const laatsteEinde = begonnen.map((i) => (i.einddatum === null || i.einddatum > t0 ? '9999-12-31' : i.einddatum)).sort().at(-1);
  const inStart = inLeeftijd(t0) && laatsteEinde !== undefined && laatsteEinde >= addYears(t0, -5);
  const termijn = (c: string) => register.categorieen.get(c)?.opslag?.bewaartermijn;
  const grens = (c: string) => { const t = termijn(c); const jaren = t ? Number(/^P(\d+)Y$/.exec(t)![1]) : 0; return t ? addYears(peildatum, -jaren) : '0000-01-01'; };
  const geleverd = (datum: string, categorie: string) => datum >= grens(categorie) && ((datum <= t0 && inStart) || (datum > t0 && datum <= peildatum && inLeeftijd(datum)));
  return {
    inschrijvingen: p.onderwijs.inschrijvingen.filter((i) => geleverd(i.begindatum, 'onderwijs.inschrijving'))
      .map((i) => ({ ...i, einddatum: i.einddatum !== null && geleverd(i.einddatum, 'onderwijs.inschrijving') ? i.einddatum : null })),
    diplomas: p.onderwijs.diplomas.filter((d) => geleverd(d.datum, 'onderwijs.resultaat')),
    vsv: p.onderwijs.vsv.filter((v) => geleverd(v.datum, 'vsv')),
  };
}

/** The person as the layer sees them: the education part replaced by what was delivered. */
export function zoalsGeleverd(p: SynthPersoon, peildatum: string): SynthPersoon {
  return { ...p, onderwijs: geleverdOnderwijs(p, peildatum) };
}
