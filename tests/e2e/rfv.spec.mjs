// RFV page with the demo: segment counts and values, the score bars and the R×F heatmap equal
// the native engine's; a heatmap cell and a treemap tile open their customers; it fits 1280
// and 1024 pixels.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoSummary, parseEs } from './engine.mjs';

const SLUGS = {
  Champions: 'champions', Loyal: 'loyal', PotentialLoyalists: 'potential_loyalists', NewCustomers: 'new_customers',
  Promising: 'promising', NeedAttention: 'need_attention', AboutToSleep: 'about_to_sleep', AtRisk: 'at_risk',
  CantLoseThem: 'cant_lose_them', Hibernating: 'hibernating', Lost: 'lost',
};

export async function loadDemo(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('load-demo').waitFor({ state: 'detached', timeout: 60000 });
}

async function openRfv(page, baseUrl) {
  await loadDemo(page, baseUrl);
  await page.getByTestId('nav-rfv').click();
  await page.getByTestId('segment-table').waitFor({ timeout: 30000 });
  await page.waitForSelector('[data-testid="chart-rf-heatmap"] canvas');
}

const option = (page, testid) => page.evaluate((id) =>
  window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${id}"]`)).getOption(), testid);

/** Clicks the point `value` ([x, y] in axis indices) of a chart's first series. */
async function clickPoint(page, testid, value) {
  await page.getByTestId(testid).scrollIntoViewIfNeeded();
  const [x, y] = await page.evaluate(([id, v]) =>
    window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${id}"]`)).convertToPixel({ seriesIndex: 0 }, v),
  [testid, value]);
  const box = await page.getByTestId(testid).boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
}

/** The page's own content fits the viewport: nothing sticks out and no table scrolls sideways.
 *  (The app header is checked by the shell's own tests.) */
export async function noHorizontalScroll(page) {
  const problems = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('.page, .page *')]
      .filter(e => e.getBoundingClientRect().right > client + 1 && !e.closest('.table-scroll'))
      .map(e => `${e.tagName.toLowerCase()}.${e.className} sticks out`);
    for (const t of document.querySelectorAll('.page .table-scroll'))
      if (t.scrollWidth > t.clientWidth + 1) out.push(`${t.firstElementChild.className} scrolls ${t.scrollWidth} > ${t.clientWidth}`);
    return out.slice(0, 5);
  });
  assert.deepEqual(problems, [], `page content wider than the viewport at ${page.viewportSize().width} px`);
}

export const tests = {
  async 'rfv: segment table, score bars and heatmap equal the engine'({ page, baseUrl, artifacts }) {
    const expected = demoSummary();
    await openRfv(page, baseUrl);

    for (const row of expected.segments) {
      const tr = page.getByTestId(`segment-row-${SLUGS[row.segment]}`);
      assert.equal(parseEs(await tr.locator('[data-col="customers"]').innerText()), row.customers, `${row.segment} customers`);
      assert.equal(parseEs(await tr.locator('[data-col="value"]').innerText()), Number(row.value.toFixed(2)), `${row.segment} value`);
    }
    assert.equal(parseEs(await page.getByTestId('segment-total-customers').innerText()), expected.kpis.active_customers);

    const bars = await option(page, 'chart-rfv-scores');
    assert.deepEqual(bars.series.map(s => s.data), [
      expected.score_distributions.recency, expected.score_distributions.frequency, expected.score_distributions.value]);

    const heat = await option(page, 'chart-rf-heatmap');
    for (const item of heat.series[0].data) {
      const [f, r, , customers] = item.value;
      assert.equal(customers, expected.rf_heatmap.cells[r][f].customers, `cell R${r + 1} F${f + 1}`);
    }
    // Tiles named in Spanish with es-PE numbers (no ECharts formatting).
    assert.match(heat.series[0].data[24].name, /^R 5 · F 5: /);

    await page.screenshot({ path: join(artifacts, 'rfv.png'), fullPage: true });
    await page.getByTestId('chart-rf-heatmap').screenshot({ path: join(artifacts, 'rfv-heatmap.png') });
    await noHorizontalScroll(page);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await noHorizontalScroll(page);
    await page.screenshot({ path: join(artifacts, 'rfv-1024.png'), fullPage: true });
  },

  async 'rfv: a heatmap cell and a segment tile open their customers'({ page, baseUrl }) {
    const expected = demoSummary();
    await openRfv(page, baseUrl);
    // The non-empty cell with the most customers.
    let best = null;
    expected.rf_heatmap.cells.forEach((row, r) => row.forEach((cell, f) => {
      if (!best || cell.customers > best.customers) best = { r, f, customers: cell.customers };
    }));
    await clickPoint(page, 'chart-rf-heatmap', [best.f, best.r]);
    await page.waitForFunction(() => location.hash.startsWith('#/clientes'));
    assert.equal(await page.evaluate(() => location.hash), `#/clientes?ver=rf:${best.r + 1}-${best.f + 1}`);

    await page.goBack();
    await page.getByTestId('rfv-treemap').waitFor();
    await page.getByTestId('treemap-by-value').click();
    assert.equal(await page.getByTestId('treemap-by-value').getAttribute('aria-pressed'), 'true');
    await page.getByTestId('treemap-champions').click();
    await page.waitForFunction(() => location.hash.startsWith('#/clientes'));
    assert.equal(await page.evaluate(() => location.hash), '#/clientes?ver=segment:champions');
  },
};
