import { randomBytes } from 'node:crypto';
import type { Register } from '../policies/types';
import { activiteitRef } from '../policies/register';
import type { AuditRecord, AuditStore } from './audit';

/** `now` minus an ISO 8601 period such as P5Y, P18M, P30D (the register's `bewaartermijn`). */
export function minusPeriod(now: Date, period: string): Date {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!m || period === 'P') throw new RangeError(`bewaartermijn must be an ISO 8601 period of years, months, weeks or days (P5Y, P18M); received "${period}"`);
  const [, y = '0', mo = '0', w = '0', d = '0'] = m;
  const t = new Date(now.getTime());
  t.setUTCFullYear(t.getUTCFullYear() - Number(y), t.getUTCMonth() - Number(mo), t.getUTCDate() - Number(w) * 7 - Number(d));
  return t;
}

export interface PurgeReport { activiteit: string; bewaartermijn: string; grens: string; verwijderd: number }

/**
 * Purges the audit records each activity's retention period (`bewaartermijn`, per version) has
 * passed, and leaves its own trail: one record per activity purged, naming how many records
 * before which date were deleted and on which basis (AVG art. 5 lid 1 onder e).
 */
export async function purgeExpired(store: AuditStore, register: Register, now: Date = new Date()): Promise<PurgeReport[]> {
  const reports: PurgeReport[] = [];
  for (const a of register.activiteiten) {
    const grens = minusPeriod(now, a.bewaartermijn).toISOString();
    const verwijderd = await store.purge([a.uri], grens);
    reports.push({ activiteit: activiteitRef(a), bewaartermijn: a.bewaartermijn, grens, verwijderd });
  }
  const stamp = now.toISOString();
  const trace = randomBytes(16).toString('hex');
  const trail: AuditRecord[] = reports.filter((r) => r.verwijderd > 0).map((r) => ({
    trace_id: trace, span_id: randomBytes(8).toString('hex'), parent_span_id: null, name: 'retentie.purge', start_time: stamp, end_time: stamp,
    status_code: 1, resource: { 'service.name': 'retentie' },
    attributes: {
      'dpl.core.processing_activity_id': register.activiteiten.find((a) => activiteitRef(a) === r.activiteit)!.uri,
      'dpl.core.data_subject_id': '', 'dpl.core.data_subject_id_type': 'BSN',
      'jf.retentie.verwijderd': r.verwijderd, 'jf.retentie.grens': r.grens, 'jf.retentie.bewaartermijn': r.bewaartermijn,
      'jf.grondslag': 'AVG art. 5 lid 1 onder e (opslagbeperking); bewaartermijn uit het verwerkingsregister',
    },
  }));
  if (trail.length) await store.append(trail);
  return reports;
}
