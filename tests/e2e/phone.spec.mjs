// On a phone (390 × 844 px, the width of a common handset), with the demo: no page scrolls
// sideways. Wide tables scroll inside their own box, the A4 report inside its sections; every
// card, chart and key figure stays within the screen. One screenshot per page.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PHONE = { width: 390, height: 844 };

/** What sticks out of the viewport: the document's width, and the first texts that end beyond
 *  it without a box of theirs clipping or scrolling them (e.g. a figure wider than its card). */
const overflow = (page) => page.evaluate(() => {
  const width = innerWidth;
  const clipped = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') return true;
    }
    return false;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && texts.length < 5; n = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    if (range.getBoundingClientRect().right > width + 1 && !clipped(n.parentElement)) {
      texts.push(`${n.textContent.trim().slice(0, 40)} (in .${n.parentElement.className})`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, texts };
});

/** Asserts that the page fits the phone's width; screenshots it (scrolled to `focus`, a test id). */
async function fits(page, name, artifacts, focus) {
  await page.waitForFunction(() => !document.querySelector('.status--busy'), null, { timeout: 30000 });
  if (focus) await page.getByTestId(focus).first().scrollIntoViewIfNeeded();
  const o = await overflow(page);
  await page.screenshot({ path: join(artifacts, `phone-${name}.png`) });
  assert.ok(o.scrollWidth <= o.width, `${name}: the page is ${o.scrollWidth} px wide on a ${o.width} px screen`);
  assert.deepEqual(o.texts, [], `${name}: text beyond the screen`);
}

/** The header menu on a phone: one row (its links share a line), and the open page's link
 *  (`route`) wholly inside the menu's visible box, whatever the menu's scroll. */
const menuShows = async (page, route) => {
  const m = await page.evaluate(() => {
    const nav = document.querySelector('.app-nav');
    const box = nav.getBoundingClientRect();
    const links = [...nav.querySelectorAll('.app-nav__link')];
    const current = nav.querySelector('[aria-current="page"]');
    const at = current && current.getBoundingClientRect();
    return {
      rows: new Set(links.map((l) => l.offsetTop)).size,
      current: current && current.getAttribute('href'),
      inside: !!at && at.left >= box.left - 1 && at.right <= box.right + 1,
    };
  });
  assert.equal(m.rows, 1, 'the menu is one row');
  assert.equal(m.current, `#/${route}`);
  assert.ok(m.inside, `the link of #/${route} is scrolled into the menu's view`);
};

export const tests = {
  async 'phone: no page scrolls sideways at 390 px'({ page, baseUrl, artifacts }) {
    await page.setViewportSize(PHONE);
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    await page.waitForSelector('[data-testid="chart-pareto"] canvas');
    await fits(page, 'resumen', artifacts);
    const routes = ['rfv', 'piramide', 'satisfaccion', 'fuga', 'clientes', 'campanas', 'datos', 'ajustes',
      'presentacion', 'informe'];
    for (const route of routes) {
      await page.goto(`${baseUrl}#/${route}`);
      await page.waitForSelector('.page__title, [data-testid="slide"], .informe', { timeout: 30000 });
      await fits(page, route, artifacts);
      if (route !== 'presentacion' && route !== 'informe') await menuShows(page, route);
    }
    await page.goto(`${baseUrl}#/clientes`);
    await page.getByTestId('customer-link').first().click();
    await page.getByTestId('card-title').waitFor({ timeout: 30000 });
    await fits(page, 'card', artifacts);
    // The menu scrolled to its last link; a tap on the first one still opens its page.
    await page.goto(`${baseUrl}#/ajustes`);
    await menuShows(page, 'ajustes');
    await page.getByTestId('nav-resumen').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    await menuShows(page, 'resumen');
  },

  async 'phone: the import mapping and its report fit at 390 px'({ page, baseUrl, artifacts }) {
    await page.setViewportSize(PHONE);
    const file = join(artifacts, 'ventas-telefono.csv');
    writeFileSync(file, [
      'Cod_Cliente;Fecha_Venta;Nro_Boleta;Producto;Categoria;Cantidad;Importe_Total',
      '00123;05/02/2026;B001-000123;Paracetamol 500 mg x 100;Analgésicos;2;S/ 25,80',
      '00124;31/02/2026;B001-000124;Amoxicilina 500 mg x 21;Antibióticos;1;S/ 32,50',
      '00125;07/02/2026;B001-000125;Vitamina C 1 g efervescente x 10;Vitaminas;1;-12,00',
    ].join('\r\n'), 'latin1');
    await page.goto(`${baseUrl}#/datos`);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('file-kind').waitFor({ timeout: 30000 });
    await fits(page, 'datos-mapping', artifacts, 'file-card');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    await fits(page, 'datos-report', artifacts, 'report-problem');
  },
};
