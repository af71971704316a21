// A first-time visitor loads the demo: KPIs match the native engine, the chart draws, the data
// survive a reload (IndexedDB), and nothing is requested outside the page's origin. A reopen
// shows the Resumen stored with the data before the engine has read them, never for other
// settings than those in use.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoSummary, parseEs } from './engine.mjs';

const kpi = async (page, id) => parseEs(await page.getByTestId(id).innerText());

async function paintedPixels(page, testid) {
  return page.evaluate((id) => {
    const canvas = document.querySelector(`[data-testid="${id}"] canvas`);
    if (!canvas) return 0;
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
    return n;
  }, testid);
}

/** Everything the Resumen states in words and figures. */
const resumen = (page) => page.evaluate(() => [...document.querySelectorAll(
  '[data-testid^="kpi-"], [data-testid="window"], [data-testid="data-basis"], [data-testid="findings"]')]
  .map(el => `${el.dataset.testid}: ${el.innerText}`));
const activeOf = (figures) => figures.find(f => f.startsWith('kpi-active: ')).slice('kpi-active: '.length);
const stored = (page) => page.waitForFunction(() => performance.getEntriesByName('fideliza:dashboard-stored').length > 0);
/** After the next load: the Resumen's first figures, and whether the data had been read then. */
const watchFirstFigures = (page) => page.addInitScript(() => {
  new MutationObserver((_, observer) => {
    const el = document.querySelector('[data-testid="kpi-active"]');
    if (el && el.innerText.trim()) {
      window.__first = { active: el.innerText, dataRead: performance.getEntriesByName('fideliza:data').length > 0 };
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
});
const engineDone = (page) => page.waitForFunction(() => performance.getEntriesByName('fideliza:analyzed').length > 0
  && !document.querySelector('.status--busy'), null, { timeout: 30000 });

export const tests = {
  async 'load demo: KPIs equal the engine, chart drawn, data kept after reload'({ page, baseUrl, artifacts }) {
    const expected = demoSummary().kpis;
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });

    assert.equal(await kpi(page, 'kpi-active'), expected.active_customers);
    assert.equal(await kpi(page, 'kpi-value'), Number(expected.value.toFixed(2)));
    assert.equal(await kpi(page, 'kpi-ticket'), Number(expected.average_ticket.toFixed(2)));
    assert.equal(await kpi(page, 'kpi-frequency'), Number(expected.purchases_per_customer.toFixed(1)));

    await page.waitForSelector('[data-testid="chart-segments"] canvas');
    assert.ok(await paintedPixels(page, 'chart-segments') > 5000, 'segment chart painted');
    const bars = await page.evaluate(() =>
      window.echarts.getInstanceByDom(document.querySelector('[data-testid="chart-segments"]')).getOption().series[0].data.map(d => d.value ?? d));
    assert.equal(bars.reduce((a, b) => a + b, 0), expected.active_customers, 'segment bars add up to the active customers');
    await page.screenshot({ path: join(artifacts, 'summary.png'), fullPage: true });

    await page.reload();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    assert.equal(await kpi(page, 'kpi-active'), expected.active_customers, 'data still there after reload');
  },

  async 'first visit shows the empty state with the demo one click away'({ page, baseUrl, artifacts }) {
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').waitFor({ timeout: 30000 });
    assert.match(await page.locator('h1').innerText(), /Fideliza/);
    await page.screenshot({ path: join(artifacts, 'empty.png') });
  },

  async 'reopen: the stored Resumen shows before the data are read and equals the engine; never for other settings'({ page, baseUrl }) {
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    await stored(page);
    const twelve = await resumen(page);
    assert.ok(twelve.length >= 9, twelve.join(' | '));

    await watchFirstFigures(page);
    await page.reload();
    await engineDone(page);
    const first = await page.evaluate(() => window.__first);
    assert.equal(first.dataRead, false, 'figures shown before the data were read');
    assert.equal(first.active, activeOf(twelve), 'the stored figure is the one computed before');
    const [shown, read] = await page.evaluate(() => ['dashboard', 'data'].map(n => performance.getEntriesByName(`fideliza:${n}`)[0].startTime));
    assert.ok(shown < read, `stored Resumen at ${shown} ms, data read at ${read} ms`);
    assert.deepEqual(await resumen(page), twelve, 'the engine gives the same Resumen');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('fideliza:dashboard-stored').length), 0,
      'an equal Resumen is not stored again');

    // Six months in Ajustes: that Resumen is stored in place of the twelve-month one.
    await page.getByTestId('nav-ajustes').click();
    await page.getByTestId('window-months').fill('6');
    await page.getByTestId('window-months').press('Enter');
    await page.getByTestId('window-months').blur();
    await page.getByTestId('nav-resumen').click();
    await page.waitForFunction((t) => document.querySelector('[data-testid="kpi-active"]')?.innerText !== t, activeOf(twelve));
    await stored(page);
    const six = await resumen(page);
    assert.notDeepEqual(six, twelve);
    await page.reload();
    await engineDone(page);
    assert.deepEqual(await page.evaluate(() => window.__first), { active: activeOf(six), dataRead: false },
      'the six-month Resumen is shown first');
    assert.deepEqual(await resumen(page), six);

    // The settings say twelve months again behind the app's back: the stored six-month Resumen
    // must not be shown; the engine's twelve-month one is.
    await page.evaluate(() => {
      const key = `fideliza.settings.${localStorage.getItem('fideliza.workspace')}`;
      const saved = JSON.parse(localStorage.getItem(key));
      saved.params.window_months = 12;
      localStorage.setItem(key, JSON.stringify(saved));
    });
    await page.reload();
    await engineDone(page);
    assert.equal((await page.evaluate(() => window.__first)).dataRead, true, 'nothing shown before the data');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('fideliza:dashboard').length), 0);
    assert.deepEqual(await resumen(page), twelve);
  },
};
