import { randomBytes } from 'node:crypto';

/** W3C Trace Context for one hop: the trace, this hop's span, and the caller's span. */
export interface TraceContext { traceId: string; spanId: string; parentSpanId: string | null; flags: string }

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Continues an incoming `traceparent` (a new span under it) or starts a new trace. */
export function continueTrace(traceparent: string | undefined | null): TraceContext {
  const m = TRACEPARENT.exec((traceparent ?? '').trim());
  const valid = m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2]);
  return {
    traceId: valid ? m![1] : randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    parentSpanId: valid ? m![2] : null,
    flags: valid ? m![3] : '01',
  };
}

/** The `traceparent` header that makes `trace`'s span the parent of the next hop. */
export function toTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

/**
 * A new trace for a request entering the layer. The audit trail's trace id is always the
 * layer's own, so no caller can choose it (or join another request's trace); a valid incoming
 * `traceparent` is kept as the link to the caller's trace.
 */
export function startTrace(incoming: string | undefined | null): TraceContext & { link: string | null } {
  const m = TRACEPARENT.exec((incoming ?? '').trim());
  const valid = m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2]);
  return { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), parentSpanId: null, flags: '01', link: valid ? m![0] : null };
}
