// Opens a ttdt HTML report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core: its own browser download does not work here), records every console message
// and page error, checks the expected Vietnamese headings and the SVG charts, and saves a
// screenshot. Exits non-zero on any failure.
//
// Usage: node report.mjs <report.html> <screenshot.png>
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [report, shot] = process.argv.slice(2);
if (!report || !shot) {
  console.error('usage: node report.mjs <report.html> <screenshot.png>');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
const requests = [];
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  const h1 = await page.locator('h1').first().innerText();
  if (!h1.includes('Báo cáo đánh giá')) failures.push(`unexpected h1: ${h1}`);
  const h2 = await page.locator('h2').allInnerTexts();
  for (const want of ['Xếp hạng', 'Kết quả từng cơ quan']) {
    if (!h2.some((t) => t.includes(want))) failures.push(`missing heading "${want}" in ${JSON.stringify(h2)}`);
  }
  const charts = await page.locator('svg').count();
  if (charts < 2) failures.push(`expected SVG charts, found ${charts}`);
  if (requests.length) failures.push(`the report made external requests: ${requests.join(', ')}`);
  await page.screenshot({ path: shot, fullPage: false });
  console.log(`browser check: h1 "${h1}", ${h2.length} h2, ${charts} svg, screenshot ${shot}`);
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.error(f);
  process.exit(1);
}
