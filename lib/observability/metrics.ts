import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one process (prom-client), served at `/metrics`. One object per
 * process, injected where things happen; nothing is registered globally.
 */
export interface Metrics {
  registry: Registry;
  /** GraphQL requests by service, operation name and outcome (`ok` or the first error code). */
  requests: Counter<'service' | 'operation' | 'outcome'>;
  /** Whole-request latency per service. */
  requestSeconds: Histogram<'service'>;
  /** Gateway → subgraph call latency, by subgraph and outcome. */
  subgraphSeconds: Histogram<'subgraph' | 'outcome'>;
  /** Adapter → source system call latency, by system and outcome. */
  sourceSeconds: Histogram<'system' | 'outcome'>;
  /** Time until an audit write was confirmed durable, by service and outcome. */
  auditWriteSeconds: Histogram<'service' | 'outcome'>;
  /** Refusals by code (NO_LEGAL_BASIS, FILTER_NOT_ALLOWED, RATE_LIMITED, QUERY_TOO_DEEP, ...). */
  refusals: Counter<'service' | 'code'>;
  /** Consent changes (given, confirmed, withdrawn, expired) by kind and by the organisation that made them (`jongere` for self-service). */
  consentChanges: Counter<'soort' | 'organisatie'>;
  /** The most consent changes one employee made in the last hour, per organisation: a burst shows here without naming the employee. */
  consentBurst: Gauge<'organisatie'>;
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'jf_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: 'jf_graphql_requests_total', help: 'GraphQL requests by service, operation and outcome code', labelNames: ['service', 'operation', 'outcome'], registers }),
    requestSeconds: new Histogram({ name: 'jf_graphql_request_duration_seconds', help: 'GraphQL request latency', labelNames: ['service'], buckets: BUCKETS, registers }),
    subgraphSeconds: new Histogram({ name: 'jf_subgraph_request_duration_seconds', help: 'Gateway to subgraph call latency', labelNames: ['subgraph', 'outcome'], buckets: BUCKETS, registers }),
    sourceSeconds: new Histogram({ name: 'jf_source_request_duration_seconds', help: 'Adapter to source system call latency', labelNames: ['system', 'outcome'], buckets: BUCKETS, registers }),
    auditWriteSeconds: new Histogram({ name: 'jf_audit_write_duration_seconds', help: 'Time until an audit write is durable', labelNames: ['service', 'outcome'], buckets: BUCKETS, registers }),
    refusals: new Counter({ name: 'jf_refusals_total', help: 'Refusals by stable error code', labelNames: ['service', 'code'], registers }),
    consentChanges: new Counter({ name: 'jf_consent_changes_total', help: 'Consent changes by kind and organisation', labelNames: ['soort', 'organisatie'], registers }),
    consentBurst: new Gauge({ name: 'jf_consent_changes_max_per_employee_hour', help: 'The most consent changes one employee of the organisation made in the last hour', labelNames: ['organisatie'], registers }),
  };
}

/** Codes that are refusals (decisions), not failures. */
export const REFUSAL_CODES = new Set(['NO_LEGAL_BASIS', 'NO_CONSENT', 'OUT_OF_SCOPE', 'SCOPE_UNVERIFIABLE', 'FILTER_NOT_ALLOWED', 'RATE_LIMITED',
  'CONSENT_NOT_OWN_PROCESSING', 'CONSENT_FOUR_EYES', 'CONSENT_EVIDENCE_REQUIRED',
  'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COSTLY', 'RESPONSE_TOO_LARGE', 'UNAUTHENTICATED',
  'TOKEN_EXPIRED', 'INVALID_TOKEN', 'ACTIVITY_REQUIRED', 'UNKNOWN_ACTIVITY', 'ACTIVITY_NOT_ALLOWED', 'GATEWAY_CONTEXT_REQUIRED']);
