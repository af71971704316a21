// Pyramid page with the demo: tier customers and the migration matrix equal the native
// engine's; a tier and a migration cell open their customers; editing the cut points updates
// the pyramid live, refuses invalid cuts, and the defaults come back with one click.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoSummary, parseEs } from './engine.mjs';
import { loadDemo, noHorizontalScroll } from './rfv.spec.mjs';

const SLUGS = ['platino', 'oro', 'hierro', 'plomo'];

async function openPyramid(page, baseUrl) {
  await loadDemo(page, baseUrl);
  await page.getByTestId('nav-piramide').click();
  await page.getByTestId('tier-table').waitFor({ timeout: 30000 });
  await page.waitForSelector('[data-testid="chart-pyramid"] canvas');
}

const tierCounts = (page) => page.evaluate((slugs) => slugs.map(s =>
  document.querySelector(`[data-testid="tier-row-${s}"] [data-col="customers"]`).innerText), SLUGS)
  .then(texts => texts.map(parseEs));

const option = (page, testid) => page.evaluate((id) =>
  window.echarts.getInstanceByDom(document.querySelector(`[data-testid="${id}"]`)).getOption(), testid);

export const tests = {
  async 'pyramid: tiers and migration equal the engine; tier and cell clicks drill down'({ page, baseUrl, artifacts }) {
    const expected = demoSummary();
    await openPyramid(page, baseUrl);

    assert.deepEqual(await tierCounts(page), expected.pyramid.tiers.map(t => t.customers));
    assert.equal(parseEs(await page.locator('[data-testid="tier-row-inactivo"] [data-col="customers"]').innerText()),
      expected.pyramid.inactive_customers);
    const pieces = (await option(page, 'chart-pyramid')).series[0].data;
    assert.equal(pieces.length, 5);
    expected.pyramid.tiers.forEach((t, i) => {
      const shown = parseEs(pieces[i].name.split(': ')[1].split(' ')[0]);
      assert.equal(shown, t.customers, `pyramid piece ${t.tier}`);
    });

    const cells = (await option(page, 'chart-migration')).series[0].data;
    for (const { value: [to, from, , n] } of cells) assert.equal(n, expected.migration.counts[from][to], `migration ${from}→${to}`);

    await page.screenshot({ path: join(artifacts, 'pyramid.png'), fullPage: true });
    await noHorizontalScroll(page);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await noHorizontalScroll(page);
    await page.screenshot({ path: join(artifacts, 'pyramid-1024.png'), fullPage: true });

    // Click the Platino piece (the centre of its drawn polygon).
    await page.getByTestId('chart-pyramid').scrollIntoViewIfNeeded();
    const [x, y] = await page.evaluate(() => {
      const chart = window.echarts.getInstanceByDom(document.querySelector('[data-testid="chart-pyramid"]'));
      const pts = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(0).points;
      return [pts.reduce((a, p) => a + p[0], 0) / pts.length, pts.reduce((a, p) => a + p[1], 0) / pts.length];
    });
    const box = await page.getByTestId('chart-pyramid').boundingBox();
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForFunction(() => location.hash.startsWith('#/clientes'));
    assert.equal(await page.evaluate(() => location.hash), '#/clientes?ver=tier:platino');

    // Oro (row 1) → Platino (column 0).
    await page.goBack();
    await page.waitForSelector('[data-testid="chart-migration"] canvas');
    assert.ok(expected.migration.counts[1][0] > 0);
    await page.getByTestId('chart-migration').scrollIntoViewIfNeeded();
    const [cx, cy] = await page.evaluate(() => window.echarts.getInstanceByDom(
      document.querySelector('[data-testid="chart-migration"]')).convertToPixel({ seriesIndex: 0 }, [0, 1]));
    const mbox = await page.getByTestId('chart-migration').boundingBox();
    await page.mouse.click(mbox.x + cx, mbox.y + cy);
    await page.waitForFunction(() => location.hash.startsWith('#/clientes'));
    assert.equal(await page.evaluate(() => location.hash), '#/clientes?ver=migration:oro-platino');
  },

  async 'pyramid: cut points apply live, invalid ones are refused, defaults restore'({ page, baseUrl }) {
    const expected = demoSummary();
    const active = expected.kpis.active_customers;
    const defaults = expected.pyramid.tiers.map(t => t.customers);
    await openPyramid(page, baseUrl);

    await page.getByTestId('cut-platino').fill('20');
    await page.waitForFunction((n) => document.querySelector('[data-testid="tier-row-platino"] [data-col="customers"]').innerText
      .replace(/\D/g, '') !== String(n), defaults[0]);
    let counts = await tierCounts(page);
    assert.equal(counts.reduce((a, b) => a + b, 0), active, 'tiers still partition the active customers');
    assert.ok(Math.abs(counts[0] - 0.20 * active) < 0.02 * active, `Platino ≈ 20 %: ${counts[0]} of ${active}`);
    assert.ok(counts[2] < defaults[2] || counts[3] < defaults[3], 'a lower tier shrank');
    const piece = (await option(page, 'chart-pyramid')).series[0].data[0].name;
    assert.equal(parseEs(piece.split(': ')[1].split(' ')[0]), counts[0], 'the pyramid shows the new count');
    assert.match(await page.getByTestId('cut-plomo').innerText(), /15/);

    // 20 + 15 + 90 > 100: refused with a message, the pyramid keeps the last valid cuts.
    await page.getByTestId('cut-hierro').fill('90');
    const error = await page.getByTestId('cuts-error').innerText();
    assert.match(error, /100/);
    assert.deepEqual(await tierCounts(page), counts);
    await page.getByTestId('cut-oro').fill('-5');
    assert.match(await page.getByTestId('cuts-error').innerText(), /negativo/);

    await page.getByTestId('cuts-practitioner').click();
    await page.getByTestId('cuts-error').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('cut-oro').inputValue(), '30');
    counts = await tierCounts(page);
    assert.ok(Math.abs(counts[1] - 0.30 * active) < 0.02 * active, `Oro ≈ 30 %: ${counts[1]}`);

    await page.getByTestId('cuts-default').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="tier-row-platino"] [data-col="customers"]').innerText
      .replace(/\D/g, '') === String(n), defaults[0]);
    assert.deepEqual(await tierCounts(page), defaults);
    assert.equal(await page.getByTestId('cut-platino').inputValue(), '5');
  },
};
