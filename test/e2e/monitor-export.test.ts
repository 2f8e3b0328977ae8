import { parse } from 'csv-parse/sync';
import type { RunningSystem } from '../../system';
import { gqlAs, headersFor, startTestSystem, type Identity } from '../support/system';

/** The CSV export: the same figures as the graph, under the same authorisation and disclosure control, and audited. */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { seed: 20260101, size: 2000, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

const bi: Identity = { role: 'bi-analist', org: 'GM0518', activity: 'regionale-monitoring', sub: 'analist-9' };
const exporteer = async (who: Identity | null, query: string) => fetch(`${system.gatewayUrl}monitor/export.csv?${query}`, { headers: who ? await headersFor(system, who) : {} });

describe('the monitor\'s CSV export', () => {
  it('gives exactly the figures the graph gives, suppressed cells included as such, and writes the export to the audit log', async () => {
    const res = await exporteer(bi, 'regio=GM0518,DP-HAAGLANDEN&periode=2026-K3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rijen = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const { body } = await gqlAs(system, bi, '{ a: regio(code: "GM0518") { cijfers(periode: "2026-K3") { indicator leeftijd waarde onderdrukt } } b: regio(code: "DP-HAAGLANDEN") { cijfers(periode: "2026-K3") { indicator leeftijd waarde onderdrukt } } }');
    const verwacht = [['GM0518', body.data.a.cijfers], ['DP-HAAGLANDEN', body.data.b.cijfers]].flatMap(([regio, cijfers]) => (cijfers as { indicator: string; leeftijd: string; waarde: number | null; onderdrukt: boolean }[])
      .map((c) => ({ regio, indicator: c.indicator, leeftijd: c.leeftijd, waarde: c.waarde === null ? '' : String(c.waarde), onderdrukt: c.onderdrukt ? 'ja' : 'nee' })));
    expect(rijen.map(({ regio, indicator, leeftijd, waarde, onderdrukt }) => ({ regio, indicator, leeftijd, waarde, onderdrukt }))).toEqual(verwacht);
    // One symbol for every unpublished cell: no column or value tells a small cell from one hidden to protect it.
    expect(Object.keys(rijen[0])).toEqual(['regio', 'regionaam', 'periode', 'indicator', 'leeftijd', 'waarde', 'onderdrukt', 'bescherming']);
    // Every row says that its value is perturbed and how far, and the threshold.
    expect(new Set(rijen.map((r) => r.bescherming)).size).toBe(1);
    expect(rijen[0].bescherming).toMatch(/verstoord met de cell key method .*hooguit 3 .*Waarden van 1 tot en met 9 worden niet getoond/);
    expect(rijen.some((r) => r.onderdrukt === 'ja' && r.waarde === '')).toBe(true);
    const a = system.security!.register.activiteiten.find((x) => x.id === 'regionale-monitoring' && x.versie === 2)!;
    const records = await system.security!.audit.query({ processingActivityIds: [a.uri] }, 50);
    expect(records.map((r) => [r.name, r.attributes['jf.medewerker'], r.attributes['jf.export']])).toContainEqual(['gateway.export', 'analist-9',
      { regios: ['GM0518', 'DP-HAAGLANDEN'], periode: '2026-K3', indicatoren: null, rijen: rijen.length }]);
    // The figures read through the graph are logged by the monitor too, without a data subject.
    const monitor = records.filter((r) => r.resource['service.name'] === 'monitor').map((r) => [r.attributes['dpl.core.data_subject_id'], r.attributes['jf.medewerker'], r.attributes['jf.zonderPersoon']]);
    for (const regio of ['GM0518', 'DP-HAAGLANDEN']) expect(monitor).toContainEqual(['', 'analist-9', [`cijfers ${regio} 2026-K3: alle indicatoren`]]);
  });

  it('refuses what the graph refuses, with the same stable codes and HTTP statuses', async () => {
    const code = async (who: Identity | null, q: string) => { const r = await exporteer(who, q); return [r.status, (await r.json()).errors[0].extensions.code]; };
    expect(await code(null, 'regio=GM0518&periode=2026-10')).toEqual([401, 'UNAUTHENTICATED']);
    expect(await code(bi, 'regio=GM0114&periode=2026-10')).toEqual([403, 'OUT_OF_SCOPE']);
    expect(await code(bi, 'regio=GM0518&periode=2026-10-01')).toEqual([400, 'BAD_USER_INPUT']);
    expect(await code(bi, 'periode=2026-10')).toEqual([400, 'BAD_USER_INPUT']);
    expect(await code({ role: 'jongerenloket', org: 'GM0518', activity: 'jongerenloket-intake' }, 'regio=GM0518&periode=2026-10')).toEqual([403, 'NO_LEGAL_BASIS']);
    expect((await fetch(`${system.gatewayUrl}monitor/export.csv`, { method: 'POST' })).status).toBe(405);
  });
});
