import type { Browser } from 'playwright-core';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { startChromium } from './browser';
import { startTestSystem, testClock } from '../support/system';
import { startOidcProvider } from './oidc-provider';

/** The page's sign-in with the configured identity provider: authorization code with PKCE, no demo identities. */
let system: RunningSystem;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let browser: Browser;

beforeAll(async () => {
  idp = await startOidcProvider({ sub: 'k.de-vries', roles: ['jongerenloket'], org: 'GM0518', name: 'K. de Vries' }, 'jongeren-federatie', testClock);
  system = await startTestSystem({
    population: { seed: 20260101, size: 2000, peildatum: '2026-11-01' },
    security: { oidc: { issuer: idp.issuer, audience: 'jongeren-federatie', jwksUrl: `${idp.issuer}/jwks` } },
    loketOidc: { issuer: idp.issuer, clientId: 'jongerenloket-web' },
  });
  browser = await startChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await idp?.stop();
});

it('signs in at the identity provider with PKCE and then reads through the gateway with that token', async () => {
  const page = await browser.newPage();
  await page.goto(`${system.gatewayUrl}loket`);
  // No demo identities when an identity provider is configured (the dev issuer is not in use).
  expect(await page.locator('#demo-form').isHidden()).toBe(true);
  await page.getByRole('button', { name: 'Aanmelden bij de identiteitsprovider' }).click();
  await page.getByRole('heading', { name: 'Jongere zoeken' }).waitFor();
  expect(await page.locator('#wie').textContent()).toBe('Aangemeld als K. de Vries (GM0518) · jongerenloket-intake');
  await page.getByLabel('BSN').fill(SHOWCASE_BSN);
  await page.getByRole('button', { name: 'Zoek op BSN' }).click();
  await page.getByRole('heading', { name: /Integraal beeld: Roos/ }).waitFor();
  expect(idp.seen).toEqual(expect.arrayContaining(['GET /.well-known/openid-configuration', 'GET /authorize', 'POST /token', 'GET /jwks']));
  // The demo sign-in endpoint does not exist here.
  const demo = await fetch(`${system.gatewayUrl}pagina/demo-aanmelding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"index":0}' });
  expect(demo.status).toBe(404);
}, 120_000);
