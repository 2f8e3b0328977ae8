import { randomBytes } from 'node:crypto';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { TraceContext } from '../../lib/trace';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import type { Toegang } from './activity';
import { subjectsOf } from './argument-filter';
import type { RefusalAudit } from './enforce';

/** The audit sink of the gateway's own refusals (records like the subgraphs', service `gateway`, status error). */
export function refusalAudit(store: AuditStore, pseudonym: (bsn: string) => string, log: (line: string) => void): RefusalAudit {
  return async (ctx, geweigerd) => {
    const { toegang, trace } = ctx.context as { toegang: Toegang; trace?: TraceContext & { link?: string | null } };
    const now = new Date().toISOString();
    const subjects = subjectsOf(ctx.document!, ctx.operation!, ctx.schema, ctx.request.variables);
    const a = toegang.activiteit;
    const record = (subject: string | null): AuditRecord => ({
      trace_id: trace?.traceId ?? randomBytes(16).toString('hex'), span_id: trace?.spanId ?? randomBytes(8).toString('hex'), parent_span_id: null,
      name: `gateway.${ctx.operationName ?? 'query'}`, start_time: now, end_time: now, status_code: 2, resource: { 'service.name': 'gateway' },
      attributes: {
        'dpl.core.processing_activity_id': a.uri,
        'dpl.core.data_subject_id': subject ? pseudonym(subject) : '',
        'dpl.core.data_subject_id_type': 'BSN',
        'jf.activiteit': `${a.id}@${a.versie}`,
        'jf.grondslag': `${a.grondslag.wet}, ${a.grondslag.artikel}; AVG art. 6 lid 1 onder ${a.grondslag.avg6}`,
        'jf.medewerker': toegang.principal.medewerker, 'jf.rol': toegang.rol, 'jf.organisatie': toegang.principal.organisatie,
        'jf.categorieen.verstrekt': [], 'jf.categorieen.geweigerd': geweigerd,
        ...(trace?.link ? { 'jf.aanroeper.traceparent': trace.link } : {}),
      },
    });
    try {
      await store.append(subjects.length ? subjects.map(record) : [record(null)]);
    } catch (error) {
      // The request is refused either way; the missing record is an operational alarm.
      log(`gateway: could not audit a refusal: ${(error as Error).message}`);
    }
  };
}
