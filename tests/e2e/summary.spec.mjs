// Resumen with the demo: the six key figures, the Pareto mark and the findings equal the native
// engine's summary.json; a segment bar opens its customer list; the page fits 1280 and 1024 px.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoSummary, parseEs } from './engine.mjs';

const kpi = async (page, id) => parseEs(await page.getByTestId(id).innerText());
const option = (page, id) => page.evaluate((testid) =>
  window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${testid}"]`)).getOption(), id);
/** The es-PE numbers in a text ("El 5,0 % … 34,0 %" → [5, 34]). */
const numbersIn = (text) => [...text.matchAll(/\d[\d\u202f\u00a0]*(?:,\d+)?/g)].map(m => parseEs(m[0]));
const round1 = (share) => Number((share * 100).toFixed(1));

async function openDemo(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
  await page.waitForSelector('[data-testid="chart-pareto"] canvas');
}

/** The page's own content fits the viewport (the app header is another page's concern). */
async function noHorizontalScroll(page) {
  return page.evaluate(() => {
    const el = document.querySelector('.summary');
    return el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth;
  });
}

export const tests = {
  async 'summary: six KPIs, Pareto mark and findings equal the engine'({ page, baseUrl, artifacts }) {
    const s = demoSummary();
    const k = s.kpis;
    await openDemo(page, baseUrl);

    assert.equal(await kpi(page, 'kpi-active'), k.active_customers);
    assert.equal(await kpi(page, 'kpi-value'), Number(k.value.toFixed(2)));
    assert.equal(await kpi(page, 'kpi-ticket'), Number(k.average_ticket.toFixed(2)));
    assert.equal(await kpi(page, 'kpi-frequency'), Number(k.purchases_per_customer.toFixed(1)));
    assert.ok(k.retention_rate !== null, 'the demo has a previous window');
    assert.equal(await kpi(page, 'kpi-retention'), round1(k.retention_rate));
    assert.equal(await kpi(page, 'kpi-top20'), round1(k.top20_value_share));
    assert.equal(await page.getByTestId('retention-note').count(), 0, 'no "—" note when retention exists');

    // The window and the data basis.
    assert.match(await page.getByTestId('window').innerText(), /Ventana de análisis: del \d\d\/\d\d\/\d{4} al \d\d\/\d\d\/\d{4}/);
    const basis = await page.getByTestId('data-basis').innerText();
    const customersRow = s.inputs.find(i => i.kind === 'Customers');
    const salesRow = s.inputs.find(i => i.kind === 'Sales');
    assert.deepEqual(numbersIn(basis).slice(0, 2), [customersRow.rows_imported, salesRow.rows_imported], basis);

    // Pareto: the marked point is the engine's "top 20 % make y %".
    const pareto = await option(page, 'chart-pareto');
    const mark = pareto.series[2].data[0];
    assert.deepEqual(mark, [s.pareto.top_share, s.pareto.top_value_share]);
    assert.equal(pareto.series[0].data.length, 101);
    assert.deepEqual(numbersIn(pareto.series[2].label.formatter), [round1(s.pareto.top_share), round1(k.top20_value_share)]);

    // Trend: one point per month of the engine's trend.
    const trend = await option(page, 'chart-trend');
    assert.deepEqual(trend.series[0].data, s.trend.map(t => t.value));
    assert.deepEqual(trend.series[1].data, s.trend.map(t => t.active_customers));

    // Findings: the concentration sentence states the CMV class's shares.
    const items = page.locator('[data-testid^="finding-"]:not([data-testid$="-link"])');
    const count = await items.count();
    assert.ok(count >= 3 && count <= 5, `three to five findings, got ${count}`);
    const concentration = await page.getByTestId('finding-concentration').locator('.summary-finding__headline').innerText();
    assert.deepEqual(numbersIn(concentration), [
      round1(s.value_classes.cmv.customers / k.active_customers),
      round1(s.value_classes.cmv.value / k.value),
    ], concentration);
    // Retention: "of the N customers of the previous period, M did not come back".
    const rows = s.migration.counts.slice(0, 4);
    const previous = rows.flat().reduce((a, b) => a + b, 0);
    const lost = rows.reduce((a, r) => a + r[4], 0);
    const retention = await page.getByTestId('finding-retention').innerText();
    assert.deepEqual(numbersIn(retention), [round1(k.retention_rate), previous, lost], retention);
    // Overdue: the total count of overdue customers is stated, with a link to them.
    const overdue = await page.getByTestId('finding-overdue').innerText();
    assert.ok(numbersIn(overdue).includes(s.overdue.length), overdue);
    assert.equal(await page.getByTestId('finding-overdue-link').getAttribute('href'), '#/clientes?ver=overdue');

    await page.screenshot({ path: join(artifacts, 'summary.png'), fullPage: true });
    assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'summary-1024.png'), fullPage: true });
    assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 1024');
  },

  async 'summary: clicking a segment bar opens its customers'({ page, baseUrl }) {
    await openDemo(page, baseUrl);
    await page.waitForSelector('[data-testid="chart-segments"] canvas');
    await page.getByTestId('chart-segments').scrollIntoViewIfNeeded();
    const target = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="chart-segments"]');
      const chart = window.echarts.getInstanceByDom(el);
      const opt = chart.getOption();
      const index = opt.yAxis[0].data.indexOf('En riesgo');
      const value = opt.series[0].data[index].value;
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [value / 2, index]);
      const rect = el.getBoundingClientRect();
      return { x: rect.left + x, y: rect.top + y, index };
    });
    assert.ok(target.index >= 0, 'the "En riesgo" bar exists');
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(() => location.hash.startsWith('#/clientes'), null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => location.hash), '#/clientes?ver=segment:at_risk');
  },
};
