import type { Verwerkingsactiviteit } from '../policies/types';
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
      'jf.activiteit': `${a.id}@${a.versie}`,
      'jf.grondslag': `${a.grondslag.wet}, ${a.grondslag.artikel}; AVG art. 6 lid 1 onder ${a.grondslag.avg6}`,
      'jf.medewerker': r.wie.medewerker, 'jf.rol': r.wie.rol, 'jf.organisatie': r.wie.organisatie,
      ...(r.aanroeper ? { 'jf.aanroeper.traceparent': r.aanroeper } : {}),
      ...r.extra,
    },
  };
}
