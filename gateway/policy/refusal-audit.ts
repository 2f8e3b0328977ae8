import { randomBytes } from 'node:crypto';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { TraceContext } from '../../lib/trace';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import { logregel } from '../../stores/logregel';
import type { Toegang } from './activity';
import { subjectsOf } from './argument-filter';
import type { RefusalAudit } from './enforce';

/** The audit sink of the gateway's own refusals (records like the subgraphs', service `gateway`, status error). */
export function refusalAudit(store: AuditStore, pseudonym: (bsn: string) => string, log: (line: string) => void): RefusalAudit {
  return async (ctx, geweigerd) => {
    const { toegang, trace } = ctx.context as { toegang: Toegang; trace?: TraceContext & { link?: string | null } };
    const now = new Date().toISOString();
    const subjects = subjectsOf(ctx.document!, ctx.operation!, ctx.schema, ctx.request.variables);
    const record = (subject: string | null): AuditRecord => logregel({
      trace: { traceId: trace?.traceId ?? randomBytes(16).toString('hex'), spanId: trace?.spanId ?? randomBytes(8).toString('hex'), parentSpanId: null },
      service: 'gateway', operation: ctx.operationName ?? 'query', start: now, end: now, mislukt: true, activiteit: toegang.activiteit,
      wie: { medewerker: toegang.principal.medewerker, rol: toegang.rol, organisatie: toegang.principal.organisatie },
      subject: subject ? pseudonym(subject) : '', aanroeper: trace?.link, extra: { 'jf.categorieen.verstrekt': [], 'jf.categorieen.geweigerd': geweigerd },
    });
    try {
      await store.append(subjects.length ? subjects.map(record) : [record(null)]);
    } catch (error) {
      // The request is refused either way; the missing record is an operational alarm.
      log(`gateway: could not audit a refusal: ${(error as Error).message}`);
    }
  };
}
