import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { heeftToestemming } from '../../population/consent';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { artifacts, startChromium } from './browser';
import { startTestSystem } from '../support/system';

/**
 * The Jongerenloket page in a real browser (Debian's Chromium, driven by playwright-core): sign in
 * with a demo identity, search, see the integral view of a real BRP test person with withheld
 * fields marked, record and withdraw consent with a confirmation step, and the out-of-sight list.
 * Screenshots go to test-artifacts/loket/.
 */
const ARTIFACTS = artifacts('loket');
let system: RunningSystem;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  system = await startTestSystem({ demoAanmelden: true });
  browser = await startChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function aanmelden(label: string) {
  await page.goto(`${system.gatewayUrl}loket`);
  await page.getByLabel('Demo-identiteit (alleen in ontwikkeling)').selectOption({ label });
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await page.getByRole('heading', { name: 'Jongere zoeken' }).waitFor();
}

describe('the Jongerenloket page in Chromium', () => {
  it('finds Roos Janssen (an RvIG test person) by name and birth date and shows her integral view with withheld fields marked', async () => {
    const roos = system.population.byBsn(SHOWCASE_BSN)!;
    // The consultant works under jongerenloket-intake: identification and address outright, the rest only with consent.
    const consent = heeftToestemming(roos, 'jongerenloket-intake');
    await aanmelden('Consulent Jongerenloket, gemeente Den Haag');
    await page.getByLabel('Achternaam').fill(roos.geslachtsnaam);
    await page.getByLabel('Geboortedatum').fill(roos.geboortedatum);
    await page.getByRole('button', { name: 'Zoek op naam en geboortedatum' }).click();
    await page.getByRole('button', { name: 'Bekijken' }).first().click();
    await page.getByRole('heading', { name: /Integraal beeld: Roos/ }).waitFor();
    await shot('1-integraal-beeld');
    expect(await page.locator('[data-veld="naam"]').textContent()).toContain('Roos');
    // heeftWerk: participatie.inkomen is not granted to the loket at all (register v3).
    expect(await page.locator('[data-veld="heeftWerk"]').textContent()).toBe('weggelaten: geen grondslag');
    const zorg = await page.locator('[data-veld="heeftZorgtoewijzing"]').textContent();
    expect(zorg).toBe(consent ? expect.any(String) : 'weggelaten: geen toestemming');
    // The legend and markers are visible, with their reason.
    expect(await page.locator('dd .weggelaten').count()).toBeGreaterThan(0);
  }, 120_000);

  it('records consent on her behalf as pending, a second consultant confirms it on the evidence, it opens what it names, and is withdrawn again', async () => {
    await page.getByLabel('BSN').fill(SHOWCASE_BSN);
    await page.getByRole('button', { name: 'Zoek op BSN' }).click();
    await page.getByRole('heading', { name: /Integraal beeld: Roos/ }).waitFor();
    const voor = await page.locator('[data-veld="betrokkenen"]').textContent();
    await page.getByLabel(/Welke organisaties en professionals/).check();
    await page.getByLabel('Doel').fill('Samen met Roos kijken wie er al helpt');
    await page.getByLabel('Soort bewijs').selectOption('ONDERTEKEND_FORMULIER');
    await page.getByLabel('Vindplaats (kenmerk in het dossier)').fill('JL-2026-0412');
    await page.getByLabel('Datum van de toestemming').fill('2026-10-30');
    await page.getByRole('button', { name: 'Toestemming vastleggen…' }).click();
    await page.getByRole('dialog').waitFor();
    await shot('2-bevestigen');
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText(/in afwachting van bevestiging door de jongere of een tweede medewerker/).first().waitFor();
    // Pending opens nothing: who is involved is as it was.
    expect(await page.locator('[data-veld="betrokkenen"]').textContent()).toBe(voor);
    expect(await page.locator('[data-veld="toestemmingen"] li[data-status="IN_AFWACHTING"]').count()).toBeGreaterThan(0);
    await shot('3-toestemming-in-afwachting');
    // The consultant who recorded it cannot confirm it (four eyes).
    await page.getByRole('button', { name: 'Toestemming jongerenloket-intake bevestigen' }).last().click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText(/een tweede medewerker bevestigt/).waitFor();
    // A second consultant of the same desk confirms it on the evidence.
    await aanmelden('Tweede consulent Jongerenloket, gemeente Den Haag');
    await page.getByLabel('BSN').fill(SHOWCASE_BSN);
    await page.getByRole('button', { name: 'Zoek op BSN' }).click();
    await page.getByRole('heading', { name: /Integraal beeld: Roos/ }).waitFor();
    expect(await page.locator('[data-veld="toestemmingen"]').textContent()).toContain('ondertekend formulier (JL-2026-0412, 2026-10-30)');
    await page.getByRole('button', { name: 'Toestemming jongerenloket-intake bevestigen' }).last().click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming bevestigd.').waitFor();
    const na = await page.locator('[data-veld="betrokkenen"]').textContent();
    expect(na).not.toContain('weggelaten');
    expect(na).toMatch(/Werkcoach|Zorgaanbieder|School|Doorstroomcoach|Niemand bekend/);
    if (voor?.includes('weggelaten')) expect(voor).toContain('geen toestemming');
    await shot('4-toestemming-bevestigd');
    // Withdraw: the newest consent is the one just confirmed (GM0518, the loket's own organisation).
    await page.getByRole('button', { name: 'Toestemming jongerenloket-intake intrekken' }).last().click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming ingetrokken.').waitFor();
    if (voor?.includes('weggelaten')) expect(await page.locator('[data-veld="betrokkenen"]').textContent()).toBe('weggelaten: geen toestemming');
    await shot('5-toestemming-ingetrokken');
  }, 180_000);

  it('lets Roos herself confirm a consent recorded on her behalf, give one herself, and withdraw it', async () => {
    // A consultant records a consent without evidence: only Roos can make it count.
    const loket = system.security!.devIssuer!;
    const token = await loket.sign({ sub: 'consulent-7', roles: ['jongerenloket'], org: 'GM0518' }, { now: new Date('2026-11-01T12:00:00Z') });
    const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': 'jongerenloket-intake' },
      body: JSON.stringify({ query: `mutation { geefToestemming(invoer: { bsn: "${SHOWCASE_BSN}", activiteit: "jongerenloket-intake", categorieen: ["vsv"], ontvanger: { soort: ORGANISATIE, waarde: "GM0518" }, doel: "Intake", geldigTot: "2027-05-01" }) { id status } }` }) });
    expect(((await res.json()) as { data: { geefToestemming: { status: string } } }).data.geefToestemming.status).toBe('IN_AFWACHTING');
    await aanmelden('Roos Janssen (de jongere zelf)');
    await page.getByRole('heading', { name: /Integraal beeld: Roos/ }).waitFor();
    await page.locator('[data-veld="toestemmingen"] li[data-status="IN_AFWACHTING"]').last().waitFor();
    await shot('6-roos-in-afwachting');
    await page.getByRole('button', { name: 'Toestemming jongerenloket-intake bevestigen' }).last().click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming bevestigd.').waitFor();
    expect(await page.locator('[data-veld="toestemmingen"]').textContent()).toContain('bevestigd door de jongere zelf');
    // She gives a consent herself: active at once, to the recipient she chooses.
    await page.getByRole('heading', { name: 'Zelf toestemming geven' }).waitFor();
    await page.getByLabel('Voor welke dienst').selectOption({ label: 'Intake en integrale begeleiding bij het Jongerenloket' });
    await page.getByLabel(/Meldingen en registraties van voortijdig schoolverlaten/).check();
    await page.getByLabel('Ontvanger (organisatie)').fill('GM0518');
    await page.getByLabel('Doel').fill('Hulp bij een opleiding');
    await page.getByRole('button', { name: 'Toestemming vastleggen…' }).click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming gegeven.').waitFor();
    const geldig = page.locator('[data-veld="toestemmingen"] li[data-status="ACTIEF"]');
    const aantal = await geldig.count();
    await page.getByRole('button', { name: 'Toestemming jongerenloket-intake intrekken' }).last().click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming ingetrokken.').waitFor();
    expect(await geldig.count()).toBe(aantal - 1);
    await shot('7-roos-ingetrokken');
  }, 180_000);

  it('shows the Doorstroomcoach the out-of-sight list of the region, longest first, and opens a person from it', async () => {
    await aanmelden('Doorstroomcoach, Doorstroompunt Haaglanden');
    await page.getByRole('button', { name: 'Buiten beeld tonen' }).click();
    const caption = page.locator('caption', { hasText: 'Buiten beeld' });
    await caption.waitFor();
    expect(await caption.textContent()).toMatch(/Buiten beeld \(\d+ in de regio, langst eerst\)/);
    const dagen = (await page.locator('tbody tr td:nth-child(4)').allTextContents()).map(Number);
    expect(dagen.length).toBeGreaterThan(0);
    expect([...dagen].sort((a, b) => b - a)).toEqual(dagen);
    await shot('8-buiten-beeld');
    await page.getByRole('button', { name: 'Bekijken' }).first().click();
    await page.getByRole('heading', { name: /Integraal beeld: / }).waitFor();
    // The coach's activity grants no care data: withheld, not shown.
    expect(await page.locator('[data-veld="heeftZorgtoewijzing"]').textContent()).toBe('weggelaten: geen grondslag');
  }, 120_000);

  it('is usable by keyboard: the demo sign-in reaches the search form without a mouse', async () => {
    await page.goto(`${system.gatewayUrl}loket`);
    await page.getByLabel('Demo-identiteit (alleen in ontwikkeling)').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aanmelden');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Jongere zoeken' }).waitFor();
    // Every input has a label.
    const zonderLabel = await page.evaluate(() => [...document.querySelectorAll('input, select')].filter((e) => !(e as HTMLInputElement).labels?.length).length);
    expect(zonderLabel).toBe(0);
  }, 60_000);
});
