import type { Verwerkingsactiviteit } from '../policies/types';
import { activiteitRef } from '../policies/register';
import type { AuditRecord } from './audit';

/** Everything one audit record says, besides what its writer adds in `extra`. */
export interface Logregel {
  trace: { traceId: string; spanId: string; parentSpanId: string | null };
  /** `<service>.<operation>`, e.g. `zorg.query` or `gateway.export`. */
  service: string;
  operation: string;
  start: string;
  end: string;
  mislukt: boolean;
  activiteit: Verwerkingsactiviteit;
  wie: { medewerker: string; rol: string; organisatie: string | null };
  /** The pseudonymised subject, or '' for a record about nobody in particular. */
  subject: string;
  /** The caller's own trace context, kept apart from ours. */
  aanroeper?: string | null;
  extra: Record<string, unknown>;
}

/** What kind of processing a record is, as the privacy officer filters on it. */
export type LogregelSoort = 'VERSTREKKING' | 'WIJZIGING' | 'EXPORT' | 'ZONDER_PERSOON' | 'WEIGERING';
export const LOGREGEL_SOORTEN: readonly LogregelSoort[] = ['VERSTREKKING', 'WIJZIGING', 'EXPORT', 'ZONDER_PERSOON', 'WEIGERING'];

/**
 * A record's kind, from what it says: an export; a change (consent given, confirmed, withdrawn or
 * expired; a nazorg contact; a programme measure); a refusal (nothing disclosed, something
 * refused); a read about nobody in particular (figures); otherwise a disclosure.
 */
export function soortVan(subject: string, mislukt: boolean, extra: Record<string, unknown>): LogregelSoort {
  if (extra['jf.export']) return 'EXPORT';
  if ((extra['jf.wijzigingen'] as unknown[] | undefined)?.length) return 'WIJZIGING';
  const verstrekt = (extra['jf.categorieen.verstrekt'] as unknown[] | undefined) ?? [];
  const geweigerd = Object.keys((extra['jf.categorieen.geweigerd'] as Record<string, unknown> | undefined) ?? {});
  if (!verstrekt.length && (geweigerd.length || mislukt)) return 'WEIGERING';
  if (!subject) return 'ZONDER_PERSOON';
  return 'VERSTREKKING';
}

/** One Logboek Dataverwerkingen record: the shape every writer in the layer shares (subgraphs, gateway refusals, exports). */
export function logregel(r: Logregel): AuditRecord {
  const a = r.activiteit;
  return {
    trace_id: r.trace.traceId, span_id: r.trace.spanId, parent_span_id: r.trace.parentSpanId, name: `${r.service}.${r.operation}`,
    start_time: r.start, end_time: r.end, status_code: r.mislukt ? 2 : 1, resource: { 'service.name': r.service },
    attributes: {
      'dpl.core.processing_activity_id': a.uri,
      'dpl.core.data_subject_id': r.subject,
      'dpl.core.data_subject_id_type': 'BSN',
      'jf.activiteit': activiteitRef(a),
      'jf.grondslag': `${a.grondslag.wet}, ${a.grondslag.artikel}; AVG art. 6 lid 1 onder ${a.grondslag.avg6}`,
      'jf.medewerker': r.wie.medewerker, 'jf.rol': r.wie.rol, 'jf.organisatie': r.wie.organisatie,
      ...(r.aanroeper ? { 'jf.aanroeper.traceparent': r.aanroeper } : {}),
      'jf.soort': soortVan(r.subject, r.mislukt, r.extra),
      ...r.extra,
    },
  };
}
