import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditStore } from '../../stores/audit';
import type { PolicyContext } from './shield';

/**
 * Writes one audit record per data subject this request decided on, before the response
 * leaves. When the store does not confirm the write, the response carries no personal data:
 * HTTP 503 with AUDIT_UNAVAILABLE (fail closed).
 */
export function auditPlugin(service: string, store: AuditStore, pseudonym: (bsn: string) => string, log: (line: string) => void): ApolloServerPlugin<PolicyContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          if (!contextValue?.beleid || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const records = contextValue.beleid.auditRecords(service, operationName ?? 'query', Boolean(result.errors?.length && !result.data), pseudonym);
          if (records.length === 0) return;
          try {
            await store.append(records);
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
