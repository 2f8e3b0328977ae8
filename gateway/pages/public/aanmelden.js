// Shared by the gateway's pages: sign-in (the identity provider's authorization code flow with
// PKCE, or in development a demo identity), the page configuration, and GraphQL calls with the
// token and the processing activity.

export const $ = (id) => document.getElementById(id);
export const sessie = { token: null, identiteit: null, activiteit: null, config: null };

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

export async function gql(query, variables = {}) {
  const res = await fetch('/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sessie.token}`, 'x-verwerkingsactiviteit': sessie.activiteit },
    body: JSON.stringify({ query, variables }),
  });
  return res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
}

export const activiteitenVoor = (rol) => sessie.config.activiteiten.filter((a) => a.rollen.includes(rol));

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
async function discovery() { return (await fetch(`${sessie.config.oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json(); }
const terugUrl = () => `${location.origin}${location.pathname}`;

async function oidcStart() {
  const d = await discovery();
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(d.authorization_endpoint);
  Object.entries({ response_type: 'code', client_id: sessie.config.oidc.clientId, redirect_uri: terugUrl(), scope: sessie.config.oidc.scope ?? 'openid',
    code_challenge: challenge, code_challenge_method: 'S256', state }).forEach(([k, v]) => url.searchParams.set(k, v));
  location.assign(url);
}

async function oidcTerug() {
  const params = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('pkce') ?? 'null');
  if (!params.get('code') || !saved || params.get('state') !== saved.state) return false;
  sessionStorage.removeItem('pkce');
  const d = await discovery();
  const res = await fetch(d.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: terugUrl(), client_id: sessie.config.oidc.clientId, code_verifier: saved.verifier }) });
  const { access_token: token } = await res.json();
  const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const rol = (claims.roles ?? [])[0];
  history.replaceState(null, '', location.pathname);
  Object.assign(sessie, { token, identiteit: { rol, org: claims.org, bsn: claims.bsn, label: claims.name ?? claims.sub }, activiteit: activiteitenVoor(rol)[0]?.id });
  return true;
}

/** The sign-in section every page shows until someone is signed in. */
function bouwAanmelden() {
  $('aanmelden').replaceChildren(
    el('h2', { id: 'aanmelden-titel' }, 'Aanmelden'),
    el('div', { id: 'oidc', hidden: '' }, el('button', { type: 'button', id: 'oidc-knop' }, 'Aanmelden bij de identiteitsprovider')),
    el('form', { id: 'demo-form', hidden: '' },
      el('label', { for: 'demo-identiteit' }, 'Demo-identiteit (alleen in ontwikkeling)'), el('select', { id: 'demo-identiteit', name: 'identiteit' }),
      el('label', { for: 'activiteit' }, 'Verwerkingsactiviteit'), el('select', { id: 'activiteit', name: 'activiteit' }),
      el('button', { type: 'submit' }, 'Aanmelden')));
}

/**
 * Builds the sign-in section (`<section id="aanmelden">`) and calls `aangemeld` once signed in.
 * `rollen` limits the demo identities offered on this page.
 */
export async function startAanmelden({ rollen, aangemeld }) {
  bouwAanmelden();
  sessie.config = await (await fetch('/pagina/config.json')).json();
  if (sessie.config.oidc) {
    $('oidc').hidden = false;
    $('oidc-knop').addEventListener('click', oidcStart);
    if (await oidcTerug()) return aangemeld();
  }
  if (!sessie.config.demo) return undefined;
  const identiteiten = sessie.config.identiteiten.map((i, n) => ({ ...i, n })).filter((i) => !rollen || rollen.includes(i.rol));
  const vul = () => {
    const i = sessie.config.identiteiten[Number($('demo-identiteit').value)];
    $('activiteit').replaceChildren(...activiteitenVoor(i.rol).map((a) => el('option', { value: a.id, ...(a.id === i.activiteit ? { selected: '' } : {}) }, `${a.naam} (${a.id}@${a.versie})`)));
  };
  $('demo-form').hidden = false;
  $('demo-identiteit').replaceChildren(...identiteiten.map((i) => el('option', { value: String(i.n) }, i.label)));
  $('demo-identiteit').addEventListener('change', vul);
  vul();
  $('demo-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const res = await fetch('/pagina/demo-aanmelding', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ index: Number($('demo-identiteit').value) }) });
    if (!res.ok) return;
    const { token, identiteit } = await res.json();
    Object.assign(sessie, { token, identiteit, activiteit: $('activiteit').value });
    aangemeld();
  });
  return undefined;
}
