import { randomBytes } from 'node:crypto';
import { isoDate, type Clock } from '../../lib/domain/dates';
import type { Metrics } from '../../lib/observability/metrics';
import { huidigeVersie } from '../../policies/register';
import type { Register } from '../../policies/types';
import type { AuditStore } from '../../stores/audit';
import type { ConsentStore } from '../../stores/consent';
import { logregel } from '../../stores/logregel';
import type { PolicyContext } from '../policy/shield';

/** How many expired consents one pass reports. */
const PER_KEER = 500;

/**
 * Reports every confirmed consent whose end date has come as a change in the audit log (Logboek
 * Dataverwerkingen, `jf.wijzigingen`), once: the privacy officer and the young person see that it
 * expired, as they see it given, confirmed and withdrawn. Each record points at the activity
 * version the consent was given under. Written before the consent is marked reported, so a crash
 * in between reports it twice rather than never.
 */
export async function meldVerlopen(consent: ConsentStore, register: Register, audit: { store: AuditStore; pseudonym(bsn: string): string }, clock: Clock, metrics?: Metrics): Promise<number> {
  const dag = isoDate(clock());
  let gemeld = 0;
  for (;;) {
    const verlopen = await consent.verlopen(dag, PER_KEER);
    if (!verlopen.length) return gemeld;
    const nu = new Date().toISOString();
    const records = verlopen.flatMap((t) => {
      const activiteit = (t.registerversie !== null && t.registerversie !== undefined ? register.activiteiten.find((a) => a.id === t.activiteit && a.versie === t.registerversie) : undefined)
        ?? huidigeVersie(register, t.activiteit, t.gegevenOp.slice(0, 10));
      if (!activiteit) return [];
      return [logregel({
        trace: { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), parentSpanId: null },
        service: 'toestemming', operation: 'verloop', start: nu, end: nu, mislukt: false, activiteit,
        wie: { medewerker: 'systeem', rol: 'systeem', organisatie: t.vastgelegd?.organisatie ?? null }, subject: audit.pseudonym(t.bsn),
        extra: { 'jf.categorieen.verstrekt': [], 'jf.categorieen.geweigerd': {}, 'jf.wijzigingen': [`toestemming ${t.id} verlopen op ${t.geldigTot}: ${t.activiteit}`] },
      })];
    });
    await audit.store.append(records);
    await consent.meldVerlopen(verlopen.map((t) => t.id));
    for (const t of verlopen) metrics?.consentChanges.inc({ soort: 'VERLOPEN', organisatie: t.vastgelegd?.organisatie ?? 'jongere' });
    gemeld += verlopen.length;
  }
}

/**
 * Counts consent changes in `/metrics`: per kind and organisation, and the most one employee of an
 * organisation made in the last hour, so a burst (thirty consents in seconds) is visible without a
 * metric label per employee.
 */
export function wijzigingsteller(metrics?: Metrics, now: () => number = Date.now): (soort: string, ctx: PolicyContext) => void {
  const recent = new Map<string, number[]>();
  return (soort, ctx) => {
    if (!metrics) return;
    const zelf = Boolean(ctx.beleid.activiteit.voorwaarden.alleenEigenGegevens);
    const organisatie = zelf ? 'jongere' : ctx.beleid.interne.organisatie ?? 'onbekend';
    metrics.consentChanges.inc({ soort, organisatie });
    if (zelf) return;
    const t = now();
    const sleutel = `${organisatie}|${ctx.beleid.interne.medewerker}`;
    const tijden = [...(recent.get(sleutel) ?? []).filter((x) => x > t - 3_600_000), t];
    recent.set(sleutel, tijden);
    const max = Math.max(...[...recent].filter(([k]) => k.startsWith(`${organisatie}|`)).map(([, v]) => v.filter((x) => x > t - 3_600_000).length));
    metrics.consentBurst.set({ organisatie }, max);
  };
}
