import { isoDate } from '../../lib/domain/dates';
import type { Reply } from '../../lib/http/http';
import { badRequest, type InvalidParam } from './problems';

/**
 * The BRP historie API v2's `POST /verblijfplaatshistorie` (BRP-API/Haal-Centraal-BRP-historie-bevragen,
 * specificatie/genereervariant/openapi.yaml): the verblijfplaatsen of one person on a peildatum
 * (`RaadpleegMetPeildatum`) or within a period (`RaadpleegMetPeriode`, datumVan inclusive, datumTot
 * exclusive), newest first, each with datumVan and — when a newer one followed — datumTot.
 *
 * Filtering as features/raadpleeg-verblijfplaats-met-peildatum/gba/peildatum-filtering-gba.feature
 * specifies it: a verblijfplaats is delivered on a peildatum from its datum aanvang up to the day
 * before the next one's. A start known only to the year or month counts from its first day, an
 * unknown start as always begun (the features' finer rules for unknown dates are not applied).
 */
export type Voorkomen = Record<string, unknown> & { datumVan?: Datum; datumTot?: Datum };
type Datum = { type: string; datum?: string; jaar?: number; maand?: number };

export const HISTORIE_PARAMETERS: Record<string, string[]> = {
  RaadpleegMetPeildatum: ['type', 'burgerservicenummer', 'peildatum'],
  RaadpleegMetPeriode: ['type', 'burgerservicenummer', 'datumVan', 'datumTot'],
};

/** The rubrieken an afnemer needs for the address history: gemeente and datum aanvang, and the address itself. */
export const HISTORIE_RUBRIEKEN = ['80910', '81030', '81110', '81120', '81160', '81170'] as const;

/** The first day a (possibly partial) date can mean, as yyyy-mm-dd; an unknown date as the earliest day. */
export function eersteDag(d: Datum | undefined): string {
  if (!d || d.type === 'DatumOnbekend') return '0000-01-01';
  if (d.type === 'Datum') return d.datum!;
  if (d.type === 'JaarMaandDatum') return `${d.jaar}-${String(d.maand).padStart(2, '0')}-01`;
  return `${d.jaar}-01-01`;
}

const isDatum = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
  && isoDate(new Date(`${v}T00:00:00Z`)) === v;

/** The parameter problems of a historie query, empty when it is valid. */
export function historieProblemen(q: Record<string, unknown>): { code: 'paramsValidation' | 'paramsCombination'; invalid: InvalidParam[] } | null {
  const type = typeof q.type === 'string' ? q.type : undefined;
  if (!type || !HISTORIE_PARAMETERS[type]) return { code: 'paramsValidation', invalid: [{ code: 'value', name: 'type', reason: 'Waarde heeft geen geldige waarde uit de enumeratie.' }] };
  const unknown = Object.keys(q).filter((k) => !HISTORIE_PARAMETERS[type].includes(k));
  if (unknown.length) return { code: 'paramsValidation', invalid: unknown.map((name) => ({ code: 'unknownParam', name, reason: 'Parameter is niet verwacht.' })) };
  const invalid: InvalidParam[] = [];
  if (q.burgerservicenummer === undefined) invalid.push({ code: 'required', name: 'burgerservicenummer', reason: 'Parameter is verplicht.' });
  else if (typeof q.burgerservicenummer !== 'string' || !/^[0-9]{9}$/.test(q.burgerservicenummer)) invalid.push({ code: 'pattern', name: 'burgerservicenummer', reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' });
  for (const naam of HISTORIE_PARAMETERS[type].filter((p) => p !== 'type' && p !== 'burgerservicenummer')) {
    if (q[naam] === undefined) invalid.push({ code: 'required', name: naam, reason: 'Parameter is verplicht.' });
    else if (!isDatum(q[naam])) invalid.push({ code: 'date', name: naam, reason: 'Waarde is geen geldige datum.' });
  }
  if (!invalid.length && type === 'RaadpleegMetPeriode' && (q.datumTot as string) <= (q.datumVan as string)) {
    invalid.push({ code: 'date', name: 'datumTot', reason: 'Waarde ligt niet na datumVan.' });
  }
  if (!invalid.length) return null;
  return { code: invalid.some((p) => p.code === 'required') ? 'paramsCombination' : 'paramsValidation', invalid };
}

/** The voorkomens (newest first) the query asks for. */
export function selecteer(voorkomens: readonly Voorkomen[], q: Record<string, unknown>): Voorkomen[] {
  const [van, tot] = q.type === 'RaadpleegMetPeildatum' ? [q.peildatum as string, undefined] : [q.datumVan as string, q.datumTot as string];
  return voorkomens.filter((v) => {
    const begin = eersteDag(v.datumVan);
    const einde = v.datumTot ? eersteDag(v.datumTot) : undefined;
    const begonnen = tot === undefined ? begin <= van : begin < tot;
    return begonnen && (einde === undefined || einde > van);
  });
}

export function historieAntwoord(instance: string, q: Record<string, unknown>, voorkomens: readonly Voorkomen[] | undefined): Reply {
  const problemen = historieProblemen(q);
  if (problemen) return badRequest(instance, problemen.code, problemen.invalid);
  return { contentType: 'application/json; charset=utf-8', body: { verblijfplaatsen: selecteer(voorkomens ?? [], q) } };
}
