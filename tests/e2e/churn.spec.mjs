// The Fuga y valor page on the demo: overdue customers, value classes, CLV and P(alive) equal
// the native engine's; the overdue table lists the most overdue first with a link to all of
// them; a value class opens its customers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoSummary, parseEs } from './engine.mjs';

const option = (page, id) => page.evaluate((id) =>
  window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${id}"]`)).getOption(), id);

async function openChurn(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
  await page.getByTestId('nav-fuga').click();
  await page.waitForSelector('[data-testid="chart-p-alive"] canvas', { timeout: 30000 });
}

export const tests = {
  async 'demo: overdue, value classes, CLV and P(alive) equal the engine'({ page, baseUrl, artifacts }) {
    const expected = demoSummary();
    await openChurn(page, baseUrl);
    const kpi = async (id) => parseEs(await page.getByTestId(id).innerText());

    assert.equal(await kpi('kpi-overdue'), expected.overdue.length);
    // The models are fitted by the wasm build in the page and by the native build here: the
    // optimiser's last digits may differ, so CLV amounts agree to 1 part in 10 000.
    const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    const clv = expected.clv_by_tier.reduce((s, g) => s + g.clv, 0);
    close(await kpi('kpi-clv'), clv, 'total CLV');
    assert.equal(await kpi('kpi-clv-customers'), expected.clv_by_tier.reduce((s, g) => s + g.customers, 0));
    assert.equal(await kpi('kpi-one-time'), expected.p_alive_histogram.one_time_buyers);

    // The models fitted on the demo: the status says so, without an error.
    assert.equal(await page.getByTestId('model-status').getAttribute('data-failed'), 'false');
    assert.match(await page.getByTestId('model-status').innerText(), /BG\/NBD/);

    const classes = expected.value_classes;
    for (const [slug, key] of [['cmv', 'cmv'], ['cmp', 'cmp'], ['bz', 'bz'], ['migrant', 'migrants']]) {
      assert.ok(classes[key], `${key} present in the demo (it has margin and a model fit)`);
      assert.equal(await kpi(`class-${slug}-count`), classes[key].customers, slug);
    }

    const pAlive = (await option(page, 'chart-p-alive')).series[0].data.map(d => d.value);
    assert.deepEqual(pAlive, [...expected.p_alive_histogram.bins, expected.p_alive_histogram.one_time_buyers]);
    const tiers = (await option(page, 'chart-clv-tier')).series[0].data.map(d => d.value).reverse();
    assert.equal(tiers.length, expected.clv_by_tier.length);
    tiers.forEach((v, i) => close(v, expected.clv_by_tier[i].clv, `CLV ${expected.clv_by_tier[i].key}`));
    const segments = (await option(page, 'chart-clv-segment')).series[0].data.map(d => d.value).reverse();
    const withClv = expected.clv_by_segment.filter(g => g.customers > 0);
    assert.equal(segments.length, withClv.length);
    segments.forEach((v, i) => close(v, withClv[i].clv, `CLV ${withClv[i].key}`));

    // Overdue table: 50 rows at most, most overdue first, with the link to the full list.
    const rows = page.locator('[data-testid="overdue-table"] tbody tr');
    assert.equal(await rows.count(), Math.min(50, expected.overdue.length));
    const late = await rows.evaluateAll(trs => trs.map(tr => tr.lastElementChild.innerText));
    assert.deepEqual(late.map(parseEs), expected.overdue.slice(0, 50).map(r => Math.round(r.days_overdue)));
    assert.match(await rows.first().innerText(), /\d{2}\/\d{2}\/\d{4}/, 'last purchase date shown');
    assert.equal(await page.getByTestId('overdue-all').getAttribute('href'), '#/clientes?ver=overdue');

    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /NaN|undefined/);
    await page.screenshot({ path: join(artifacts, 'churn.png'), fullPage: true });
    // Nothing of the page itself runs past the window's right edge.
    const noScroll = () => page.evaluate(() => [...document.querySelectorAll('.page *')]
      .every(e => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1));
    assert.ok(await noScroll(), 'no horizontal scroll at 1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    assert.ok(await noScroll(), 'no horizontal scroll at 1024');
    await page.screenshot({ path: join(artifacts, 'churn-1024.png'), fullPage: true });
  },

  async 'a value class and the overdue list open their customers'({ page, baseUrl }) {
    await openChurn(page, baseUrl);
    await page.getByTestId('class-cmv').click();
    await page.waitForFunction(() => location.hash === '#/clientes?ver=class:cmv', null, { timeout: 5000 });
    await page.goBack();
    await page.getByTestId('overdue-all').click();
    await page.waitForFunction(() => location.hash === '#/clientes?ver=overdue', null, { timeout: 5000 });
  },
};
