// The monitor page: the region's figures as charts and a table, read from the graph (regio.cijfers)
// under the analyst's own token and activity. Figures are perturbed (the page says how, from
// monitorBescherming); unpublished cells are shown as ×, never guessed.
import { $, el, gql, sessie, startAanmelden } from '/pagina/aanmelden.js';

const KLASSEN = { L16_17: '16–17', L18_22: '18–22', L23_26: '23–26', TOTAAL: 'Totaal' };
const KLEUREN = ['#0b4f8a', '#2e8540', '#b35c00', '#6f3996', '#8a1010'];
const grafieken = {};
const melding = (t) => { $('melding').textContent = t; };
const fout = (r) => (r.errors ?? []).map((e) => `${e.extensions?.code ?? ''}: ${e.message}`).join('; ');
const CIJFERS = 'indicator leeftijd waarde onderdrukt';

function grafiek(id, config) {
  grafieken[id]?.destroy();
  grafieken[id] = new window.Chart($(id), { ...config, options: { animation: false, responsive: true, plugins: { legend: { position: 'bottom' } }, ...config.options } });
}

async function aangemeld() {
  const i = sessie.identiteit;
  $('wie').textContent = `Aangemeld als ${i.label ?? i.rol}${i.org ? ` (${i.org})` : ''} · ${sessie.activiteit}`;
  $('aanmelden').hidden = true;
  const r = await gql('query ($g: String!) { monitorPeriodes monitorBescherming { toelichting } regio(code: $g) { code naam arbeidsmarktregio { code naam } doorstroompuntregio { code naam } provincie { code naam } } land: regios(soort: LAND) { code naam } }', { g: i.org ?? '' });
  if (!r.data?.regio) return melding(fout(r) || 'Uw organisatie is geen gemeente van dit gebied.');
  const g = r.data.regio;
  const regios = [g.doorstroompuntregio, g.arbeidsmarktregio, { code: g.code, naam: g.naam }, g.provincie, ...(r.data.land ?? [])].filter(Boolean);
  sessie.regios = regios;
  $('regio').replaceChildren(...regios.map((x) => el('option', { value: x.code }, `${x.naam} (${x.code})`)));
  if (r.data.monitorBescherming) $('bescherming').textContent = r.data.monitorBescherming.toelichting;
  sessie.periodes = r.data.monitorPeriodes;
  const maanden = sessie.periodes.filter((p) => !p.includes('K'));
  $('periode').replaceChildren(...[...sessie.periodes].reverse().map((p) => el('option', { value: p, ...(p === maanden.at(-1) ? { selected: '' } : {}) }, p)));
  $('keuze').hidden = false;
  await toon();
}

async function toon(event) {
  event?.preventDefault();
  const regio = $('regio').value;
  const periode = $('periode').value;
  // Programme results per quarter: months are too small in most regions and would be mostly suppressed.
  const maanden = sessie.periodes.filter((p) => p.includes('K'));
  const q = `query ($p: String!, $r: String!) {
    alle: regio(code: $r) { naam cijfers(periode: $p) { ${CIJFERS} } }
    ${sessie.regios.map((x, n) => `d${n}: regio(code: "${x.code}") { code naam cijfers(periode: $p, indicatoren: ["doelgroep.jongerenInBeeld"]) { ${CIJFERS} } }`).join(' ')}
    ${maanden.map((m, n) => `m${n}: regio(code: $r) { cijfers(periode: "${m}", indicatoren: ["programma.trajectGestart", "programma.trajectBeeindigd.ONDERWIJS", "programma.trajectBeeindigd.WERK", "programma.trajectBeeindigd.GEEN_CONTACT"]) { ${CIJFERS} } }`).join(' ')}
  }`;
  const r = await gql(q, { p: periode, r: regio });
  if (!r.data?.alle) return melding(fout(r));
  melding('');
  const waarde = (cijfers, indicator, klasse = 'TOTAAL') => cijfers.find((c) => c.indicator === indicator && c.leeftijd === klasse)?.waarde ?? null;
  // The target group per region, by age band.
  const regios = sessie.regios.map((_, n) => r.data[`d${n}`]);
  grafiek('g-doelgroep', { type: 'bar', data: { labels: regios.map((x) => x.naam),
    datasets: ['L16_17', 'L18_22', 'L23_26'].map((k, n) => ({ label: KLASSEN[k], backgroundColor: KLEUREN[n], data: regios.map((x) => waarde(x.cijfers, 'doelgroep.jongerenInBeeld', k)) })) },
  options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
  // The intersections of 23-26-year-olds without a startkwalificatie.
  const cijfers = r.data.alle.cijfers;
  const doorsnede = [['doorsnede.zonderSk', 'Zonder startkwalificatie'], ['doorsnede.zonderSkMetUitkering', 'met uitkering'], ['doorsnede.zonderSkMetZorg', 'bekend bij zorg'], ['doorsnede.zonderSkBijNiemandBekend', 'bij niemand bekend']];
  grafiek('g-doorsnede', { type: 'bar', data: { labels: doorsnede.map(([, l]) => l), datasets: [{ label: '23–26 jaar', backgroundColor: KLEUREN[2], data: doorsnede.map(([c]) => waarde(cijfers, c, 'L23_26')) }] },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } } });
  // Programme results over the published quarters.
  const reeks = [['programma.trajectGestart', 'Gestart'], ['programma.trajectBeeindigd.ONDERWIJS', 'Naar onderwijs'], ['programma.trajectBeeindigd.WERK', 'Naar werk'], ['programma.trajectBeeindigd.GEEN_CONTACT', 'Geen contact']];
  grafiek('g-programma', { type: 'line', data: { labels: maanden,
    datasets: reeks.map(([c, l], n) => ({ label: l, borderColor: KLEUREN[n], backgroundColor: KLEUREN[n], spanGaps: false, data: maanden.map((_, i) => waarde(r.data[`m${i}`].cijfers, c)) })) },
  options: { scales: { y: { beginAtZero: true } } } });
  tabel(cijfers);
  $('grafieken').hidden = false;
}

function tabel(cijfers) {
  const per = new Map();
  for (const c of cijfers) { if (!per.has(c.indicator)) per.set(c.indicator, {}); per.get(c.indicator)[c.leeftijd] = c; }
  const cel = (c) => el('td', c.onderdrukt ? { class: 'onderdrukt', title: 'niet gepubliceerd' } : {}, c.onderdrukt ? '×' : String(c.waarde));
  $('tabel').replaceChildren(el('table', {}, el('caption', {}, `Alle cijfers: ${$('regio').selectedOptions[0].textContent}, ${$('periode').value}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Indicator'), ...Object.values(KLASSEN).map((k) => el('th', { scope: 'col' }, k)))),
    el('tbody', {}, ...[...per].map(([ind, k]) => el('tr', {}, el('th', { scope: 'row' }, ind), ...Object.keys(KLASSEN).map((kl) => cel(k[kl])))))));
}

async function exporteer() {
  const url = `/monitor/export.csv?regio=${encodeURIComponent($('regio').value)}&periode=${encodeURIComponent($('periode').value)}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${sessie.token}`, 'x-verwerkingsactiviteit': sessie.activiteit } });
  if (!res.ok) return melding(`Export mislukt (${res.status}).`);
  const a = el('a', { href: URL.createObjectURL(await res.blob()), download: `cijfers-${$('regio').value}-${$('periode').value}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  melding('Tabel geëxporteerd.');
}

$('keuze-form').addEventListener('submit', toon);
$('export').addEventListener('click', exporteer);
startAanmelden({ rollen: ['bi-analist'], aangemeld });
