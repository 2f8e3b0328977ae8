import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningSystem } from '../../system';
import { artifacts, startChromium } from './browser';
import { startTestSystem } from '../support/system';

/** The monitor page in Chromium: charts from the graph, suppressed cells marked, the CSV export. Screenshots in test-artifacts/monitor/. */
const ARTIFACTS = artifacts('monitor');
let system: RunningSystem;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  system = await startTestSystem({ demoAanmelden: true });
  browser = await startChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

it('shows the target group per region, the intersections and the programme over time as charts, and the table with suppressed cells marked', async () => {
  const fouten: string[] = [];
  page.on('pageerror', (e) => fouten.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') fouten.push(m.text()); });
  await page.goto(`${system.gatewayUrl}monitor`);
  await page.getByLabel('Demo-identiteit (alleen in ontwikkeling)').selectOption({ label: 'BI-analist, gemeente Den Haag' });
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await page.getByRole('heading', { name: 'Cijfers', exact: true }).waitFor({ timeout: 60_000 });
  // Only the analyst's own regions are offered: Den Haag, its arbeidsmarktregio, its Doorstroompunt region, its province and the country.
  expect(await page.locator('#regio option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('GM0518'), expect.stringContaining('DP-HAAGLANDEN'), expect.stringContaining('PV28'), expect.stringContaining('(NL)')]));
  expect(await page.locator('#regio option').count()).toBe(5);
  // Three charts drawn by Chart.js (served from node_modules, no CDN), each with data.
  const datasets = await page.evaluate(() => ['g-doelgroep', 'g-doorsnede', 'g-programma'].map((id) => {
    const chart = (window as unknown as { Chart: { getChart(e: Element): { data: { datasets: { data: (number | null)[] }[] } } } }).Chart.getChart(document.getElementById(id)!);
    return chart.data.datasets.flatMap((d) => d.data).filter((v) => typeof v === 'number').length;
  }));
  expect(datasets.every((n) => n > 0)).toBe(true);
  const onderdrukt = await page.locator('td.onderdrukt').count();
  const getoond = await page.locator('tbody td:not(.onderdrukt)').count();
  expect(getoond).toBeGreaterThan(20);
  expect(onderdrukt).toBeGreaterThan(0);
  await page.screenshot({ path: join(ARTIFACTS, '1-monitor.png'), fullPage: true });
  // The export: the same table as CSV, downloaded through the page with the analyst's token.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tabel als CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('regio,regionaam,periode,indicator,leeftijd,waarde,onderdrukt,bescherming');
  // The page says that the figures are perturbed, and how.
  expect(await page.locator('#bescherming').textContent()).toMatch(/verstoord met de cell key method .*hooguit 3/);
  // Every unpublished cell shows the same symbol, with the same title.
  expect(new Set(await page.locator('td.onderdrukt').allTextContents())).toEqual(new Set(['×']));
  expect(new Set(await page.locator('td.onderdrukt').evaluateAll((tds) => tds.map((td) => td.getAttribute('title'))))).toEqual(new Set(['niet gepubliceerd']));
  expect(csv.length - 1).toBe(getoond + onderdrukt);
  expect(fouten).toEqual([]);
}, 120_000);
