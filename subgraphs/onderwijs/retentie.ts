import { createHash, randomBytes } from 'node:crypto';
import type { Register } from '../../policies/types';
import { huidigeVersie } from '../../policies/register';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import { minusPeriod } from '../../stores/retention';
import type { OnderwijsStore } from './store';

/** Which delivery rows hold which data category. */
export const REGELSOORTEN_PER_CATEGORIE: Record<string, string[]> = {
  'onderwijs.inschrijving': ['INSCHRIJVING', 'UITSCHRIJVING'],
  'onderwijs.resultaat': ['DIPLOMA'],
  vsv: ['VSV'],
};

export interface OnderwijsPurge { categorie: string; bewaartermijn: string; grens: string; regels: number; personen: number }

/**
 * Deletes ingested education rows older than their category's storage term in the register
 * (`opslag.bewaartermijn`, counted from the row's date) and leaves an audit trail: one record per
 * data subject whose rows were deleted (Logboek Dataverwerkingen: deletion is processing too),
 * under the activity the category is kept for, with the pseudonymised BSN.
 */
export async function purgeOnderwijs(store: OnderwijsStore, register: Register, now: Date,
  audit?: { store: AuditStore; pseudonym: (bsn: string) => string }): Promise<OnderwijsPurge[]> {
  const verslagen: OnderwijsPurge[] = [];
  const stamp = now.toISOString();
  const trace = randomBytes(16).toString('hex');
  const trail: AuditRecord[] = [];
  for (const c of register.categorieen.values()) {
    const soorten = REGELSOORTEN_PER_CATEGORIE[c.id];
    if (!c.opslag || !soorten) continue;
    const grens = minusPeriod(now, c.opslag.bewaartermijn).toISOString().slice(0, 10);
    const { personen, regels } = store.verwijderVoor(soorten, grens);
    verslagen.push({ categorie: c.id, bewaartermijn: c.opslag.bewaartermijn, grens, regels, personen: personen.length });
    const activiteit = huidigeVersie(register, c.opslag.activiteit, stamp.slice(0, 10));
    if (!audit || !activiteit) continue;
    for (const bsn of personen) {
      trail.push({
        trace_id: trace, span_id: createHash('sha256').update(`${trace}${c.id}${bsn}`).digest('hex').slice(0, 16), parent_span_id: null,
        name: 'retentie.onderwijs', start_time: stamp, end_time: stamp, status_code: 1, resource: { 'service.name': 'onderwijs' },
        attributes: {
          'dpl.core.processing_activity_id': activiteit.uri, 'dpl.core.data_subject_id': audit.pseudonym(bsn), 'dpl.core.data_subject_id_type': 'BSN',
          'jf.retentie.categorie': c.id, 'jf.retentie.grens': grens, 'jf.retentie.bewaartermijn': c.opslag.bewaartermijn,
          'jf.grondslag': 'AVG art. 5 lid 1 onder e (opslagbeperking); bewaartermijn uit het verwerkingsregister',
        },
      });
    }
  }
  if (audit && trail.length) await audit.store.append(trail);
  return verslagen;
}

