import type { ApolloServerPlugin } from '@apollo/server';
import { REFUSAL_CODES, type Metrics } from './metrics';

/** Counts every GraphQL request by operation and outcome, times it, and counts refusals by code. */
export function metricsPlugin(service: string, metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = metrics.requestSeconds.startTimer({ service });
      return {
        async willSendResponse({ response, operationName }) {
          end();
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          metrics.requests.inc({ service, operation: operationName ?? 'anonymous', outcome: codes[0] ?? 'ok' });
          for (const code of codes) if (REFUSAL_CODES.has(code)) metrics.refusals.inc({ service, code });
        },
      };
    },
  };
}
