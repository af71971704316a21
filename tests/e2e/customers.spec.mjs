// Clientes: the whole customer base narrowed by a metric range and profile fields, sorted by
// any column, checked against the native engine's customers.csv joined to the generated
// customer file; the list keeps its filter and order across a visit to a card.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoTables, parseEs } from './engine.mjs';

async function loadDemo(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
}

const fold = text => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** The shown customer count of the list ("1 234 clientes · …"). */
async function listed(page) {
  return parseEs((await page.getByTestId('customers-totals').innerText()).split(' clientes')[0]);
}
/** The texts of one column on the page shown. */
async function column(page, col) {
  return page.$$eval(`[data-testid="customer-row"] [data-col="${col}"]`, cells => cells.map(c => c.innerText.trim()));
}

export const tests = {
  async 'Clientes: filtered by a figure and profile fields like the engine, sorted by any column, kept across a card'({ page, baseUrl, artifacts }) {
    const { customers, profiles } = demoTables();
    const profile = new Map(profiles.map(p => [p.cod_cliente, p]));
    const expected = customers.filter(c => c.recency_days !== '' && Number(c.recency_days) <= 45
      && profile.get(c.customer_id)?.motivo_compra === 'Crónico'
      && profile.get(c.customer_id)?.medio_pago === 'Yape');
    assert.ok(expected.length >= 5 && expected.length <= 50, `a small list (${expected.length})`);

    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-clientes').click();
    await page.getByTestId('customers-totals').waitFor();
    assert.equal(await listed(page), customers.length, 'every customer at first');
    assert.equal(await page.getByTestId('customers-next').innerText(), 'Siguiente');

    await page.locator('[data-testid="customers-filters"] summary').click();
    await page.getByTestId('range-add').click();
    assert.equal(await page.getByTestId('range-metric-0').inputValue(), 'recency', 'the first figure offered');
    await page.getByTestId('range-max-0').fill('45');
    await page.getByTestId('range-max-0').press('Enter');
    const recent = customers.filter(c => c.recency_days !== '' && Number(c.recency_days) <= 45).length;
    await page.waitForFunction(n => document.querySelector('[data-testid="customers-totals"]').innerText.startsWith(`${n} `)
      || document.querySelector('[data-testid="customers-totals"]').innerText.replace(/\s/g, '').startsWith(`${n}clientes`), recent);
    assert.equal(await listed(page), recent, 'recency ≤ 45 days, as customers.csv');
    await page.getByTestId('filter-motive').selectOption('chronic');
    await page.getByTestId('filter-payment-method').selectOption('Yape');
    await page.waitForFunction(n => document.querySelectorAll('[data-testid="customer-row"]').length === n, expected.length);
    assert.equal(await listed(page), expected.length);
    const shownIds = (await column(page, 'id')).sort();
    assert.deepEqual(shownIds, expected.map(c => c.customer_id).sort(), 'exactly the engine\'s customers');
    assert.match(await page.locator('[data-testid="customers-filters"] summary').innerText(), /Filtros \(3 activos\)/);
    await page.screenshot({ path: join(artifacts, 'customers-filtered.png'), fullPage: true });

    // Sorting by value: largest first, as customers.csv.
    const byValue = [...expected].sort((a, b) => Number(b.value) - Number(a.value) || a.customer_id.localeCompare(b.customer_id));
    assert.deepEqual(await column(page, 'id'), byValue.map(c => c.customer_id), 'default order: most valuable first');
    // By name, A–Z ignoring accents and case; a second click reverses.
    await page.getByTestId('sort-name').click();
    const names = (await column(page, 'name')).map(fold);
    assert.deepEqual(names, [...names].sort(), 'names A–Z');
    assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
    await page.getByTestId('sort-name').click();
    assert.deepEqual((await column(page, 'name')).map(fold), [...names].reverse(), 'names Z–A');

    // By tier: Platino first, in the pyramid's order, matching customers.csv's tiers.
    await page.getByTestId('sort-tier').click();
    const tierOrder = ['Platino', 'Oro', 'Hierro', 'Plomo', 'Inactivo'];
    const tiers = await column(page, 'tier');
    assert.deepEqual(tiers.map(t => tierOrder.indexOf(t)), [...tiers.map(t => tierOrder.indexOf(t))].sort((a, b) => a - b));
    const tierOf = { platino: 'Platino', oro: 'Oro', hierro: 'Hierro', plomo: 'Plomo', inactivo: 'Inactivo' };
    assert.deepEqual([...tiers].sort(), expected.map(c => tierOf[c.tier]).sort());

    // By segment: each segment in one block, the segments in the app's RFV order.
    await page.getByTestId('sort-segment').click();
    const segments = (await column(page, 'segment')).filter(s => s !== '');
    const blocks = segments.filter((s, i) => i === 0 || segments[i - 1] !== s);
    assert.equal(new Set(blocks).size, blocks.length, `contiguous segments: ${blocks}`);
    const order = ['Campeones', 'Leales', 'Leales en potencia', 'Recientes', 'Prometedores', 'Requieren atención',
      'A punto de dormir', 'En riesgo', 'No se pueden perder', 'Hibernando', 'Perdidos'];
    const ranks = blocks.map(b => order.indexOf(b));
    assert.ok(ranks.every(r => r >= 0), `known segment names: ${blocks}`);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));

    // A card and back: the filter, its panel and the order are still there.
    const first = (await column(page, 'id'))[0];
    await page.getByTestId('customer-link').first().click();
    await page.getByTestId('card-title').waitFor();
    await page.getByTestId('card-back').click();
    await page.getByTestId('customers-totals').waitFor();
    assert.equal(await listed(page), expected.length, 'filter kept');
    assert.equal((await column(page, 'id'))[0], first, 'order kept');
    assert.equal(await page.getByTestId('range-max-0').inputValue(), '45');

    // Clearing brings every customer back.
    await page.getByTestId('filter-clear').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="filter-range"]').length === 0);
    assert.equal(await listed(page), customers.length);
    await page.setViewportSize({ width: 1024, height: 768 });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(sideways, false, 'no sideways scroll at 1024 with the filters open');
    await page.screenshot({ path: join(artifacts, 'customers-1024.png'), fullPage: true });
  },

  async 'Clientes: a P(alive) range within a drill-down group, with an age from the customer file'({ page, baseUrl }) {
    const { customers, profiles } = demoTables();
    const birth = new Map(profiles.map(p => [p.cod_cliente, p.fecha_nacimiento]));
    // Ages at the analysis date (the latest sale), from dd/mm/yyyy birth dates.
    const asOf = customers.map(c => c.last_purchase).filter(Boolean).sort().pop();
    const [ay, am, ad] = asOf.split('-').map(Number);
    const age = id => {
      const text = birth.get(id);
      if (!text) return null;
      const [d, m, y] = text.split('/').map(Number);
      return ay - y - ((am < m || (am === m && ad < d)) ? 1 : 0);
    };
    const expected = customers.filter(c => c.segment === 'at_risk' && c.p_alive !== ''
      && Number(c.p_alive) * 100 <= 80 && age(c.customer_id) !== null && age(c.customer_id) >= 60);
    assert.ok(expected.length > 0, 'some older at-risk customers likely gone');

    await loadDemo(page, baseUrl);
    await page.goto(`${baseUrl}#/clientes?ver=segment:at_risk`);
    await page.getByTestId('customers-totals').waitFor();
    await page.locator('[data-testid="customers-filters"] summary').click();
    await page.getByTestId('range-add').click();
    await page.getByTestId('range-metric-0').selectOption('p_alive');
    await page.getByTestId('range-max-0').fill('80');
    await page.getByTestId('range-max-0').press('Enter');
    await page.getByTestId('range-add').click();
    await page.getByTestId('range-metric-1').selectOption('age');
    await page.getByTestId('range-min-1').fill('60');
    await page.getByTestId('range-min-1').press('Enter');
    await page.waitForFunction(n => {
      const t = document.querySelector('[data-testid="customers-totals"]').innerText;
      return Number(t.split(' clientes')[0].replace(/\s/g, '')) === n;
    }, expected.length);
    const ids = [];
    for (;;) {
      ids.push(...await column(page, 'id'));
      if (await page.getByTestId('customers-next').isDisabled()) break;
      const before = await page.getByTestId('customers-page').innerText();
      await page.getByTestId('customers-next').click();
      await page.waitForFunction(t => document.querySelector('[data-testid="customers-page"]').innerText !== t, before);
    }
    assert.deepEqual(ids.sort(), expected.map(c => c.customer_id).sort());
    assert.equal(await page.getByTestId('customers-title').innerText(), 'Segmento: En riesgo', 'still the drill-down group');
  },
};
