// The Jongerenloket page: sign in, find a young person, see the integral view with every withheld
// field marked with its reason, who is involved, and record consent on the person's behalf.
// Everything the page shows comes from the one GraphQL endpoint of this gateway.

import { $, el, gql, sessie, startAanmelden } from '/pagina/aanmelden.js';

sessie.bsn = null;

const REDEN = {
  NO_LEGAL_BASIS: 'geen grondslag', NO_CONSENT: 'geen toestemming', OUT_OF_SCOPE: 'buiten bereik',
  SCOPE_UNVERIFIABLE: 'niet te controleren', SOURCE_TIMEOUT: 'bron reageert niet', SOURCE_UNAVAILABLE: 'bron niet bereikbaar',
  SUBGRAPH_UNAVAILABLE: 'bron niet bereikbaar', SUBGRAPH_TIMEOUT: 'bron reageert niet',
  CONSENT_FOUR_EYES: 'een tweede medewerker bevestigt', CONSENT_EVIDENCE_REQUIRED: 'eerst bewijs vastleggen',
  CONSENT_NOT_OWN_PROCESSING: 'niet uw eigen verwerking', CONSENT_NOT_FOUND: 'niet (meer) te wijzigen',
};
const STATUS = { IN_AFWACHTING: 'in afwachting van bevestiging', ACTIEF: 'geldig', INGETROKKEN: 'ingetrokken', VERLOPEN: 'verlopen' };
const BEWIJS = { ONDERTEKEND_FORMULIER: 'ondertekend formulier', DIGITAAL_ONDERTEKEND: 'digitaal ondertekend', OPGENOMEN_GESPREK: 'opgenomen gesprek' };
const ROL = { DOORSTROOMCOACH: 'Doorstroomcoach', LEERPLICHTAMBTENAAR: 'Leerplichtambtenaar', WERKCOACH: 'Werkcoach', SCHOOL: 'School', NAZORG: 'Nazorg school', ZORGAANBIEDER: 'Zorgaanbieder' };

const melding = (tekst) => { $('melding').textContent = tekst; };

/** The reason a field at this path was withheld, if it was (errors carry the path and a stable code). */
function weggelaten(errors, pad) {
  const e = (errors ?? []).find((x) => x.path && x.path.join('.') === pad);
  return e ? (e.extensions?.code ?? 'BRON') : null;
}
function marker(code) {
  return el('span', { class: 'weggelaten', 'data-code': REDEN[code] && code.startsWith('S') && !code.startsWith('SCOPE') ? 'BRON' : code }, `weggelaten: ${REDEN[code] ?? code.toLowerCase()}`);
}
function waarde(v) {
  if (v === null || v === undefined) return '—';
  if (v === true) return 'ja';
  if (v === false) return 'nee';
  return String(v);
}

// ---- sign-in -----------------------------------------------------------------------------------
function toonAangemeld() {
  const i = sessie.identiteit;
  $('wie').textContent = `Aangemeld als ${i.label ?? i.rol}${i.org ? ` (${i.org})` : ''} · ${sessie.activiteit}`;
  $('aanmelden').hidden = true;
  $('zoeken').hidden = false;
  $('caseload').hidden = i.rol === 'jongere';
  $('buiten-beeld').hidden = i.rol !== 'doorstroomcoach';
  if (i.rol === 'jongere' && i.bsn) toonBeeld(i.bsn);
}

// ---- search and lists ----------------------------------------------------------------------------
function resultaatLijst(titel, rijen, kolommen) {
  const tabel = el('table', {}, el('caption', {}, titel), el('thead', {}, el('tr', {}, ...kolommen.map((k) => el('th', { scope: 'col' }, k.kop)), el('th', { scope: 'col' }, 'Actie'))),
    el('tbody', {}, ...rijen.map((r) => el('tr', {}, ...kolommen.map((k) => el('td', {}, waarde(k.waarde(r)))),
      el('td', {}, el('button', { type: 'button', class: 'secundair', 'data-bsn': r.bsn }, 'Bekijken'))))));
  tabel.addEventListener('click', (e) => { const b = e.target.closest('button[data-bsn]'); if (b) toonBeeld(b.dataset.bsn); });
  $('resultaten').replaceChildren(rijen.length ? tabel : el('p', {}, `${titel}: niemand gevonden.`));
}

async function zoekOpNaam(event) {
  event.preventDefault();
  const r = await gql('query Zoek($n: String!, $d: String!) { zoekJongeren(geslachtsnaam: $n, geboortedatum: $d) { bsn naam { volledigeNaam } geboortedatum } }',
    { n: $('geslachtsnaam').value, d: $('geboortedatum').value });
  if (!r.data?.zoekJongeren) return melding(foutTekst(r));
  resultaatLijst('Gevonden', r.data.zoekJongeren, [{ kop: 'Naam', waarde: (p) => p.naam?.volledigeNaam }, { kop: 'Geboortedatum', waarde: (p) => p.geboortedatum }]);
}
async function caseload() {
  const r = await gql('{ jongeren(eerste: 25) { totaal jongeren { bsn naam { volledigeNaam } leeftijd } } }');
  if (!r.data?.jongeren) return melding(foutTekst(r));
  resultaatLijst(`Caseload (${r.data.jongeren.totaal} in totaal, eerste 25)`, r.data.jongeren.jongeren, [{ kop: 'Naam', waarde: (p) => p.naam?.volledigeNaam }, { kop: 'Leeftijd', waarde: (p) => p.leeftijd }]);
}
async function buitenBeeld() {
  const r = await gql('{ buitenBeeld(eerste: 25) { totaal items { sinds dagenBuitenBeeld jongere { bsn naam { volledigeNaam } leeftijd } } } }');
  if (!r.data?.buitenBeeld) return melding(foutTekst(r));
  resultaatLijst(`Buiten beeld (${r.data.buitenBeeld.totaal} in de regio, langst eerst)`, r.data.buitenBeeld.items.map((i) => ({ ...i, bsn: i.jongere.bsn })), [
    { kop: 'Naam', waarde: (i) => i.jongere.naam?.volledigeNaam }, { kop: 'Leeftijd', waarde: (i) => i.jongere.leeftijd },
    { kop: 'Buiten beeld sinds', waarde: (i) => i.sinds }, { kop: 'Dagen', waarde: (i) => i.dagenBuitenBeeld }]);
}
const foutTekst = (r) => (r.errors ?? []).map((e) => `${REDEN[e.extensions?.code] ?? e.extensions?.code ?? ''}: ${e.message}`).join('; ') || 'Geen antwoord.';

// ---- the integral view ---------------------------------------------------------------------------
const BEELD = `query Beeld($bsn: String!) { jongere(bsn: $bsn) {
  bsn naam { volledigeNaam } geboortedatum leeftijd
  woonadres { straat huisnummer huisletter huisnummertoevoeging postcode woonplaats }
  startkwalificatie huidigeInschrijving { instelling { naam } niveau opleiding begindatum } diplomas { niveau opleiding datum }
  vsvRegistraties { datum }
  doorstroomstatus doorstroomcoach { naam } verzuimmeldingen { soort datum status }
  heeftUitkering heeftWerk reintegratietrajecten { soort startdatum einddatum uitkomst }
  heeftZorgtoewijzing
  betrokkenen { rol domein organisatie naam sinds contact }
  toestemmingen { id activiteit categorieen ontvanger { soort waarde } doel geldigTot status actief gegevenOp gegevenDoor { door medewerker }
    bewijs { soort referentie datum } bevestigdDoor { door medewerker } ingetrokkenOp }
} }`;

const PANELEN = [
  { titel: 'Persoon (BRP)', velden: [['naam', 'Naam', (j) => j.naam?.volledigeNaam], ['geboortedatum', 'Geboortedatum'], ['leeftijd', 'Leeftijd'],
    ['woonadres', 'Woonadres', (j) => j.woonadres && `${j.woonadres.straat ?? ''} ${j.woonadres.huisnummer ?? ''}${j.woonadres.huisletter ?? ''} ${j.woonadres.postcode ?? ''} ${j.woonadres.woonplaats ?? ''}`.trim()]] },
  { titel: 'Onderwijs (DUO)', velden: [['startkwalificatie', 'Startkwalificatie'], ['huidigeInschrijving', 'Huidige inschrijving', (j) => j.huidigeInschrijving && `${j.huidigeInschrijving.instelling.naam}, ${j.huidigeInschrijving.opleiding ?? j.huidigeInschrijving.niveau} (sinds ${j.huidigeInschrijving.begindatum})`],
    ['diplomas', 'Diploma\u2019s', (j) => j.diplomas && (j.diplomas.map((d) => `${d.opleiding ?? d.niveau} (${d.datum})`).join('; ') || 'geen')], ['vsvRegistraties', 'VSV-registraties', (j) => j.vsvRegistraties?.length]] },
  { titel: 'Doorstroompunt en leerplicht', velden: [['doorstroomstatus', 'Traject'], ['doorstroomcoach', 'Coach', (j) => j.doorstroomcoach?.naam], ['verzuimmeldingen', 'Verzuimmeldingen', (j) => j.verzuimmeldingen?.length]] },
  { titel: 'Werk en inkomen', velden: [['heeftUitkering', 'Uitkering'], ['heeftWerk', 'Werk'], ['reintegratietrajecten', 'Re-integratie', (j) => j.reintegratietrajecten && (j.reintegratietrajecten.map((t) => `${t.soort} ${t.startdatum}${t.einddatum ? ` – ${t.einddatum}` : ' (lopend)'}`).join('; ') || 'geen')]] },
  { titel: 'Zorg (Wmo en Jeugdwet)', velden: [['heeftZorgtoewijzing', 'Lopende voorziening']] },
];

async function toonBeeld(bsn) {
  sessie.bsn = bsn;
  const r = await gql(BEELD, { bsn });
  const j = r.data?.jongere;
  if (!j) { $('beeld').hidden = true; $('toestemming').hidden = true; return melding(foutTekst(r)); }
  melding('');
  const panelen = PANELEN.map((p) => el('section', { class: 'paneel', 'aria-label': p.titel }, el('h3', {}, p.titel), el('dl', {}, ...p.velden.flatMap(([veld, label, f]) => {
    const code = weggelaten(r.errors, `jongere.${veld}`);
    return [el('dt', {}, label), el('dd', { 'data-veld': veld }, code ? marker(code) : waarde(f ? f(j) : j[veld]))];
  }))));
  panelen.push(betrokkenenPaneel(j, r.errors), toestemmingenPaneel(j, r.errors));
  $('panelen').replaceChildren(...panelen);
  $('beeld-titel').textContent = `Integraal beeld: ${j.naam?.volledigeNaam ?? bsn}`;
  $('beeld').hidden = false;
  toonToestemmingForm();
}

function betrokkenenPaneel(j, errors) {
  const code = weggelaten(errors, 'jongere.betrokkenen');
  const titel = el('h3', {}, 'Wie is er betrokken');
  // Withheld as a whole; or served, perhaps without the part of a domain that could not answer (then marked too).
  if (j.betrokkenen === null) return el('section', { class: 'paneel', 'aria-label': 'Betrokkenen' }, titel, el('p', { 'data-veld': 'betrokkenen' }, code ? marker(code) : '—'));
  const inhoud = !j.betrokkenen.length ? el('p', { 'data-veld': 'betrokkenen' }, 'Niemand bekend.')
    : el('ul', { class: 'lijst', 'data-veld': 'betrokkenen' }, ...j.betrokkenen.map((b) => el('li', {}, `${ROL[b.rol] ?? b.rol}: ${b.organisatie ?? 'een zorgaanbieder is betrokken'}${b.naam ? ` (${b.naam})` : ''}${b.sinds ? `, sinds ${b.sinds}` : ''}${b.contact ? ` — ${b.contact}` : ''}`)));
  return el('section', { class: 'paneel', 'aria-label': 'Betrokkenen' }, titel, inhoud, code ? el('p', {}, 'Niet compleet: ', marker(code)) : '');
}

function toestemmingenPaneel(j, errors) {
  const code = weggelaten(errors, 'jongere.toestemmingen');
  const paneel = el('section', { class: 'paneel', 'aria-label': 'Toestemmingen' }, el('h3', {}, 'Toestemmingen'));
  if (code) return paneel.appendChild(el('p', { 'data-veld': 'toestemmingen' }, marker(code))), paneel;
  const door = (v) => (!v ? '' : v.door === 'JONGERE' ? 'de jongere zelf' : `medewerker ${v.medewerker ?? ''}`);
  const lijst = el('ul', { class: 'lijst', 'data-veld': 'toestemmingen' }, ...(j.toestemmingen ?? []).map((t) => el('li', { 'data-status': t.status },
    `${t.activiteit}: ${(t.categorieen ?? ['alle gevraagde gegevens']).join(', ')} aan ${t.ontvanger ? `${t.ontvanger.soort === 'ROL' ? 'rol' : 'organisatie'} ${t.ontvanger.waarde}` : 'iedereen onder de activiteit'}`,
    t.geldigTot ? ` tot ${t.geldigTot}` : '', ` — ${STATUS[t.status] ?? t.status}${t.ingetrokkenOp ? ` op ${t.ingetrokkenOp.slice(0, 10)}` : ''}`,
    `; vastgelegd door ${door(t.gegevenDoor)}`, t.bewijs ? `, bewijs: ${BEWIJS[t.bewijs.soort] ?? t.bewijs.soort} (${t.bewijs.referentie}, ${t.bewijs.datum})` : '',
    t.bevestigdDoor ? `, bevestigd door ${door(t.bevestigdDoor)}` : '', ' ',
    t.status === 'IN_AFWACHTING' ? el('button', { type: 'button', 'data-bevestigen': t.id, 'aria-label': `Toestemming ${t.activiteit} bevestigen` }, 'Bevestigen') : '', ' ',
    ['ACTIEF', 'IN_AFWACHTING'].includes(t.status) ? el('button', { type: 'button', class: 'secundair', 'data-intrekken': t.id, 'aria-label': `Toestemming ${t.activiteit} intrekken` }, 'Intrekken') : '')));
  lijst.addEventListener('click', (e) => {
    const intrekken = e.target.closest('button[data-intrekken]');
    if (intrekken) trekIn(intrekken.dataset.intrekken);
    const bevestigen = e.target.closest('button[data-bevestigen]');
    if (bevestigen) bevestigToestemming(bevestigen.dataset.bevestigen);
  });
  paneel.append(j.toestemmingen?.length ? lijst : el('p', { 'data-veld': 'toestemmingen' }, 'Geen toestemmingen vastgelegd.'));
  return paneel;
}

// ---- consent -------------------------------------------------------------------------------------
function toonToestemmingForm() {
  const zelf = sessie.identiteit.rol === 'jongere';
  // An employee records consent for their own activity only; the young person chooses the service.
  const keuzes = sessie.config.activiteiten.filter((x) => x.metToestemming.length && (zelf || x.id === sessie.activiteit));
  if (!keuzes.length || !['jongerenloket', 'jongere'].includes(sessie.identiteit.rol)) { $('toestemming').hidden = true; return; }
  $('toestemming-dienst').hidden = !zelf;
  $('toestemming-activiteit').replaceChildren(...keuzes.map((a) => el('option', { value: a.id }, a.naam)));
  const categorieen = () => {
    const a = keuzes.find((x) => x.id === $('toestemming-activiteit').value) ?? keuzes[0];
    $('toestemming-categorieen').replaceChildren(...a.metToestemming.map((c, i) => el('div', {},
      el('input', { type: 'checkbox', id: `cat-${i}`, name: 'categorie', value: c }), el('label', { for: `cat-${i}`, class: 'inline' }, ` ${sessie.config.categorieen[c] ?? c} (${c})`))));
  };
  $('toestemming-activiteit').onchange = categorieen;
  categorieen();
  // An organisation records consent for itself only; the young person chooses the recipient.
  $('ontvanger').value = sessie.identiteit.org ?? '';
  $('ontvanger').readOnly = !zelf;
  $('bewijs').hidden = zelf;
  $('toestemming-titel').textContent = zelf ? 'Zelf toestemming geven' : 'Toestemming vastleggen namens de jongere';
  $('toestemming-uitleg').textContent = zelf ? 'Uw toestemming geldt direct. U kunt haar altijd weer intrekken.'
    : 'Vastgelegde toestemming geldt pas na bevestiging: door de jongere zelf, of door een tweede medewerker op het bewijs dat u hier vastlegt.';
  const tot = new Date(`${sessie.config.vandaag}T00:00:00Z`);
  tot.setUTCFullYear(tot.getUTCFullYear() + 1);
  $('geldig-tot').value = tot.toISOString().slice(0, 10);
  $('toestemming').hidden = false;
}

function bevestig(tekst) {
  $('bevestig-tekst').textContent = tekst;
  $('bevestig').showModal();
  return new Promise((resolve) => $('bevestig').addEventListener('close', () => resolve($('bevestig').returnValue === 'ja'), { once: true }));
}

async function geefToestemming(event) {
  event.preventDefault();
  const categorieen = [...document.querySelectorAll('input[name=categorie]:checked')].map((c) => c.value);
  if (!categorieen.length) return melding('Kies ten minste één soort gegevens.');
  const zelf = sessie.identiteit.rol === 'jongere';
  const bewijs = !zelf && $('bewijs-soort').value ? { soort: $('bewijs-soort').value, referentie: $('bewijs-referentie').value, datum: $('bewijs-datum').value } : null;
  const invoer = { bsn: sessie.bsn, activiteit: zelf ? $('toestemming-activiteit').value : sessie.activiteit, categorieen, ontvanger: { soort: 'ORGANISATIE', waarde: $('ontvanger').value.trim() }, doel: $('doel').value, geldigTot: $('geldig-tot').value, bewijs };
  if (!(await bevestig(`${zelf ? 'U geeft' : 'De jongere geeft'} toestemming voor ${categorieen.join(', ')} aan ${invoer.ontvanger.waarde}, met doel "${invoer.doel}", tot ${invoer.geldigTot}.${zelf ? '' : ' Is dit met de jongere besproken?'}`))) return melding('Niet vastgelegd.');
  const r = await gql('mutation Geef($invoer: ToestemmingInvoer!) { geefToestemming(invoer: $invoer) { id status } }', { invoer });
  if (!r.data?.geefToestemming) return melding(foutTekst(r));
  await toonBeeld(sessie.bsn);
  melding(r.data.geefToestemming.status === 'ACTIEF' ? 'Toestemming gegeven.' : 'Toestemming vastgelegd: in afwachting van bevestiging door de jongere of een tweede medewerker.');
}

/** Confirming and withdrawing a consent: asked first, then done, then the view shown again. */
const WIJZIGINGEN = {
  bevestigToestemming: { vraag: 'U bevestigt deze toestemming: ze geldt daarna direct, overal.', niet: 'Niet bevestigd.', klaar: 'Toestemming bevestigd.' },
  trekToestemmingIn: { vraag: 'De jongere trekt deze toestemming in. Dit geldt direct, overal.', niet: 'Niet ingetrokken.', klaar: 'Toestemming ingetrokken.' },
};
async function wijzig(mutatie, id) {
  const w = WIJZIGINGEN[mutatie];
  if (!(await bevestig(w.vraag))) return melding(w.niet);
  const r = await gql(`mutation Wijzig($bsn: String!, $id: ID!) { ${mutatie}(bsn: $bsn, id: $id) { id } }`, { bsn: sessie.bsn, id });
  if (!r.data?.[mutatie]) return melding(foutTekst(r));
  await toonBeeld(sessie.bsn);
  melding(w.klaar);
}
const bevestigToestemming = (id) => wijzig('bevestigToestemming', id);
const trekIn = (id) => wijzig('trekToestemmingIn', id);

// ---- start ---------------------------------------------------------------------------------------
async function start() {
  $('zoek-bsn').addEventListener('submit', (e) => { e.preventDefault(); toonBeeld($('bsn').value.trim()); });
  $('zoek-naam').addEventListener('submit', zoekOpNaam);
  $('caseload').addEventListener('click', caseload);
  $('buiten-beeld').addEventListener('click', buitenBeeld);
  $('toestemming-form').addEventListener('submit', geefToestemming);
  await startAanmelden({ rollen: ['jongerenloket', 'doorstroomcoach', 'werkcoach', 'wmo-jeugdconsulent', 'jongere'], aangemeld: toonAangemeld });
}
start();
