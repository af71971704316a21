// The Satisfacción page: zone, quadrant and NPS figures equal the native engine's on the demo,
// the scatter shades the four quadrants where the engine divides, a zone or quadrant click opens
// its customers, and without surveys the page says which file to add.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoFiles, demoSummary, parseEs } from './engine.mjs';

const option = (page, id) => page.evaluate((id) =>
  window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${id}"]`)).getOption(), id);

/** Clicks the middle of bar `index` of a vertical bar chart. */
async function clickBar(page, id, index) {
  const [x, y] = await page.evaluate(([id, index]) => {
    const chart = window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${id}"]`));
    const value = chart.getOption().series[0].data[index].value;
    return chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [index, value / 2]);
  }, [id, index]);
  const box = await page.getByTestId(id).boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
}

async function noHorizontalScroll(page) {
  // Nothing of the page itself runs past the window's right edge.
  return page.evaluate(() => [...document.querySelectorAll('.page *')]
    .every(e => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1));
}

async function openDemo(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
  await page.getByTestId('nav-satisfaccion').click();
  await page.waitForSelector('[data-testid="chart-scatter"] canvas', { timeout: 30000 });
}

export const tests = {
  async 'demo: zones, quadrants and NPS equal the engine; quadrants shaded at the engine cuts'({ page, baseUrl, artifacts }) {
    const expected = demoSummary();
    const { zones, quadrants, nps } = expected;
    await openDemo(page, baseUrl);

    const kpi = async (id) => parseEs(await page.getByTestId(id).innerText());
    assert.equal(await kpi('kpi-surveyed'), zones.defection + zones.indifference + zones.affection);
    assert.equal(await kpi('kpi-nps'), Number(nps.score.toFixed(1)));
    assert.equal(await kpi('kpi-affection'), zones.affection);
    assert.equal(await kpi('kpi-apostles'), quadrants.apostle);

    const zoneBars = (await option(page, 'chart-zones')).series[0].data.map(d => d.value);
    assert.deepEqual(zoneBars, [zones.defection, zones.indifference, zones.affection]);
    const quadrantBars = (await option(page, 'chart-quadrants')).series[0].data.map(d => d.value);
    assert.deepEqual(quadrantBars, [quadrants.apostle, quadrants.mercenary, quadrants.hostage, quadrants.terrorist]);
    const npsBars = (await option(page, 'chart-nps')).series[0].data.map(d => d.value);
    assert.deepEqual(npsBars, [nps.detractors, nps.passives, nps.promoters]);

    // Scatter: bubbles per quadrant add up to at most the quadrant's count (surveyed customers
    // without purchases in the window have no loyalty to draw); four shaded areas named with
    // their counts; the dividing lines at 4.5 (zone of affection on 1–5) and 3.5.
    const scatter = await option(page, 'chart-scatter');
    const drawn = [0, 1, 2, 3].map(q => scatter.series.slice(q * 5, q * 5 + 5)
      .flatMap(s => s.data ?? []).reduce((n, d) => n + d.value[2], 0));
    const counts = [quadrants.apostle, quadrants.mercenary, quadrants.hostage, quadrants.terrorist];
    drawn.forEach((n, q) => assert.ok(n > 0 && n <= counts[q], `quadrant ${q}: ${n} drawn of ${counts[q]}`));
    assert.equal(drawn[0], quadrants.apostle, 'apostles are loyal, hence active: all drawn');
    assert.equal(drawn[2], quadrants.hostage, 'hostages are loyal, hence active: all drawn');
    const areas = scatter.series.slice(20).map(s => s.markArea.data[0][0].name);
    assert.deepEqual(areas.map(a => parseEs(a.split('·')[1])), counts);
    assert.match(areas[0], /Apóstoles/);
    const lines = scatter.series[20].markLine.data;
    assert.equal(Number(lines[0].xAxis), 4.5);
    assert.equal(Number(lines[1].yAxis), 3.5);

    // SERVQUAL: one bar per dimension, the engine's gaps.
    const gaps = (await option(page, 'chart-servqual')).series[0].data.map(d => d.value).reverse();
    assert.deepEqual(gaps.map(g => g.toFixed(6)), expected.servqual.map(g => g.gap.toFixed(6)));
    assert.equal(await page.locator('[data-testid="servqual-table"] tbody tr').count(), expected.servqual.length);

    await page.screenshot({ path: join(artifacts, 'satisfaction.png'), fullPage: true });
    assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 1024');
    await page.screenshot({ path: join(artifacts, 'satisfaction-1024.png'), fullPage: true });
  },

  async 'clicking a zone or a quadrant opens its customers'({ page, baseUrl }) {
    await openDemo(page, baseUrl);
    await page.waitForSelector('[data-testid="chart-zones"] canvas');
    await clickBar(page, 'chart-zones', 0);
    await page.waitForFunction(() => location.hash === '#/clientes?ver=zone:defection', null, { timeout: 5000 });

    await page.goBack();
    await page.waitForSelector('[data-testid="chart-quadrants"] canvas', { timeout: 30000 });
    await clickBar(page, 'chart-quadrants', 3);
    await page.waitForFunction(() => location.hash === '#/clientes?ver=quadrant:terrorist', null, { timeout: 5000 });
  },

  async 'without surveys the page says which file to add'({ page, baseUrl, artifacts }) {
    const dir = demoFiles(200);
    await page.goto(`${baseUrl}#/datos`);
    await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30000 });
    await page.getByTestId('file-input').setInputFiles([join(dir, 'ventas.csv')]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-kind"]').length === 1, null, { timeout: 30000 });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click({ timeout: 60000 });
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });

    await page.getByTestId('nav-satisfaccion').click();
    const empty = page.getByTestId('satisfaction-empty');
    await empty.waitFor({ timeout: 30000 });
    const text = await empty.innerText();
    assert.match(text, /archivo de encuestas/);
    assert.match(text, /código de cliente/);
    assert.match(text, /satisfacción general/);
    assert.match(text, /E_\/P_/);
    assert.equal(await page.locator('[data-testid="chart-scatter"]').count(), 0, 'no empty charts');
    await page.screenshot({ path: join(artifacts, 'satisfaction-empty.png'), fullPage: true });
    await page.getByTestId('satisfaction-go-data').click();
    await page.waitForFunction(() => location.hash === '#/datos');
  },
};
