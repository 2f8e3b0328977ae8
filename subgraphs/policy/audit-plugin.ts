import type { ApolloServerPlugin } from '@apollo/server';
import { perTrace } from '../../lib/observability/per-trace';
import type { Metrics } from '../../lib/observability/metrics';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import type { PolicyContext } from './shield';

/** What this subgraph already logged about one data subject in one client request (trace). */
interface Gelogd { categorieen: Set<string>; geschreven: Promise<void> }

const categorieenVan = (r: AuditRecord) => [...(r.attributes['jf.categorieen.verstrekt'] as string[] ?? []),
  ...Object.keys((r.attributes['jf.categorieen.geweigerd'] as Record<string, string>) ?? {}).map((c) => `!${c}`)];

/**
 * Writes one audit record per data subject this request decided on, before the response
 * leaves. The gateway may call a subgraph several times for one client request (aliases of the
 * same person, @requires); a record that adds nothing to what this subgraph already logged for
 * that person in that trace is not written again, but the call still waits for that earlier
 * write. When the store does not confirm a write, the response carries no personal data: HTTP
 * 503 with AUDIT_UNAVAILABLE (fail closed).
 */
export function auditPlugin(service: string, store: AuditStore, pseudonym: (bsn: string) => string, log: (line: string) => void, metrics?: Metrics): ApolloServerPlugin<PolicyContext> {
  const perTraceLog = perTrace(() => new Map<string, Gelogd>(), 60_000);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          if (!contextValue?.beleid || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const records = contextValue.beleid.auditRecords(service, operationName ?? 'query', Boolean(result.errors?.length && !result.data), pseudonym);
          if (records.length === 0) return;
          const gelogd = perTraceLog(contextValue.beleid.trace.traceId);
          const nieuw: AuditRecord[] = [];
          const eerder: Promise<void>[] = [];
          for (const r of records) {
            const subject = r.attributes['dpl.core.data_subject_id'];
            const cats = categorieenVan(r);
            const bekend = subject ? gelogd.get(subject) : undefined; // a record about nobody in particular is never folded into another
            if (bekend && cats.every((c) => bekend.categorieen.has(c))) eerder.push(bekend.geschreven);
            else nieuw.push(r);
          }
          const timer = metrics?.auditWriteSeconds.startTimer({ service });
          const schrijven = nieuw.length ? store.append(nieuw) : Promise.resolve();
          if (nieuw.length) schrijven.then(() => timer?.({ outcome: 'ok' }), () => timer?.({ outcome: 'failed' }));
          for (const r of nieuw) {
            const subject = r.attributes['dpl.core.data_subject_id'];
            const bekend = gelogd.get(subject);
            gelogd.set(subject, { categorieen: new Set([...(bekend?.categorieen ?? []), ...categorieenVan(r)]), geschreven: schrijven });
          }
          try {
            await Promise.all([schrijven, ...eerder]);
          } catch (error) {
            log(`${service}: audit write failed, personal data withheld: ${(error as Error).message}`);
            response.http.status = 503;
            response.body = { kind: 'single', singleResult: {
              data: null,
              errors: [{ message: 'the audit log is unavailable, so no personal data is returned', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
            } };
          }
        },
      };
    },
  };
}
