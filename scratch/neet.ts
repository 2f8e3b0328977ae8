import { Population } from '../population/generator';
import { ingeschrevenOp, werktOp, skOp } from '../population/calibration';
import { ageOn, parseIsoDate } from '../lib/dates';
const pop = new Population({ size: 10000, seed: 20260101, peildatum: '2026-11-01' });
const t: Record<string, number> = {};
let n = 0;
for (const p of pop.persons()) {
  const a = ageOn(p.geboortedatum, parseIsoDate(pop.peildatum));
  if (a < 16 || a >= 27) continue;
  n++;
  if (ingeschrevenOp(p, pop.peildatum) || werktOp(p, pop.peildatum)) continue;
  const lastEnd = p.onderwijs.inschrijvingen.map((i) => i.einddatum ?? '').sort().at(-1) ?? '';
  const months = lastEnd ? Math.floor((Date.parse(pop.peildatum) - Date.parse(lastEnd)) / (30 * 864e5)) : -1;
  const k = `${skOp(p, pop.peildatum) ? 'sk' : 'nosk'} ${p.onderwijs.inschrijvingen.some((i) => ['praktijkonderwijs','vso'].includes(i.niveau)) ? 'pro/vso' : ''} uitk=${p.participatie.uitkering ? 1 : 0} werkooit=${p.participatie.werk.length > 0 ? 1 : 0} m=${months < 6 ? '<6' : months < 12 ? '6-12' : '12+'}`;
  t[k] = (t[k] ?? 0) + 1;
}
console.log(n, Object.entries(t).sort((a, b) => b[1] - a[1]));
