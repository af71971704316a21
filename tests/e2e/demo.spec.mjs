// A first-time visitor loads the demo: KPIs match the native engine, the chart draws, the data
// survive a reload (IndexedDB), and nothing is requested outside the page's origin.
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
};
