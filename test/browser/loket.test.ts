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
  system = await startTestSystem();
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

  it('records consent on her behalf after a confirmation, shows what it opens, and withdraws it again', async () => {
    await page.getByLabel('BSN').fill(SHOWCASE_BSN);
    await page.getByRole('button', { name: 'Zoek op BSN' }).click();
    await page.getByRole('heading', { name: /Integraal beeld: Roos/ }).waitFor();
    const voor = await page.locator('[data-veld="betrokkenen"]').textContent();
    await page.getByLabel(/Welke organisaties en professionals/).check();
    await page.getByLabel('Doel').fill('Samen met Roos kijken wie er al helpt');
    await page.getByRole('button', { name: 'Toestemming vastleggen…' }).click();
    await page.getByRole('dialog').waitFor();
    await shot('2-bevestigen');
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming vastgelegd.').waitFor();
    const na = await page.locator('[data-veld="betrokkenen"]').textContent();
    expect(na).not.toContain('weggelaten');
    expect(na).toMatch(/Werkcoach|Zorgaanbieder|School|Doorstroomcoach|Niemand bekend/);
    if (voor?.includes('weggelaten')) expect(voor).toContain('geen toestemming');
    await shot('3-toestemming-gegeven');
    // Withdraw: the newest consent is the one just given (GM0518, the loket's own organisation).
    await page.getByRole('button', { name: 'Toestemming jongerenloket-intake intrekken' }).last().click();
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await page.getByText('Toestemming ingetrokken.').waitFor();
    if (voor?.includes('weggelaten')) expect(await page.locator('[data-veld="betrokkenen"]').textContent()).toBe('weggelaten: geen toestemming');
    await shot('4-toestemming-ingetrokken');
  }, 120_000);

  it('shows the Doorstroomcoach the out-of-sight list of the region, longest first, and opens a person from it', async () => {
    await aanmelden('Doorstroomcoach, Doorstroompunt Haaglanden');
    await page.getByRole('button', { name: 'Buiten beeld tonen' }).click();
    const caption = page.locator('caption', { hasText: 'Buiten beeld' });
    await caption.waitFor();
    expect(await caption.textContent()).toMatch(/Buiten beeld \(\d+ in de regio, langst eerst\)/);
    const dagen = (await page.locator('tbody tr td:nth-child(4)').allTextContents()).map(Number);
    expect(dagen.length).toBeGreaterThan(0);
    expect([...dagen].sort((a, b) => b - a)).toEqual(dagen);
    await shot('5-buiten-beeld');
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
