// Across the diagnosis: a drill-down list with its totals and CSV, Ajustes recomputing every
// page (and refusing bad values), the language switch, and every page's accessibility and fit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles, demoFiles, demoSummary, parseEs } from './engine.mjs';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'target', 'debug', 'fideliza');
const axeSource = join(root, 'node_modules', 'axe-core', 'axe.min.js');

/** summary.json and customers.csv of the native engine on the demo with extra `analyze` options. */
function demoOutputs(options = []) {
  const dir = mkdtempSync(join(root, 'target', 'tmp', 'demo-'));
  try {
    execFileSync(cli, ['generate', '--customers', '2000', '--out', dir]);
    execFileSync(cli, ['analyze', '--sales', join(dir, 'ventas.csv'), '--customers', join(dir, 'clientes.csv'),
      '--surveys', join(dir, 'encuestas.csv'), '--complaints', join(dir, 'quejas.csv'), ...options, '--out', join(dir, 'out')]);
    return {
      summary: JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')),
      customers: readFileSync(join(dir, 'out', 'customers.csv'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadDemo(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
}

/** The date `days` days before the demo's analysis date (its last sale), as `yyyy-mm-dd`. */
function daysBeforeTheDemoDate(days) {
  const last = new Date(demoSummary().as_of_date + 'T00:00:00Z');
  return new Date(last.getTime() - days * 86400000).toISOString().slice(0, 10);
}

/**
 * Sets Ajustes' analysis date to `first`, then, as soon as the page shows that it sent that
 * date's fit to the worker (its busy status), to `then` (a date, or null for the latest date):
 * in the same task, so the worker cannot have answered in between. Logs in `window.__busyLog`
 * whether a busy status is shown, at the start and at each change, and in `window.__busyCleared`
 * when it last cleared. Returns how many fits had come back when `then` was asked for.
 */
function datesInARow(page, first, then) {
  return page.evaluate(async ([first, then]) => {
    const busy = () => !!document.querySelector('.status--busy');
    const log = [busy()];
    window.__busyLog = log;
    new MutationObserver(() => {
      if (log.at(-1) === busy()) return;
      log.push(busy());
      if (!busy()) window.__busyCleared = performance.now();
    })
      .observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const input = document.querySelector('[data-testid="as-of"]');
    input.value = first;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise(resolve => {
      const o = new MutationObserver(() => { if (busy()) { o.disconnect(); resolve(); } });
      o.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const back = performance.getEntriesByName('fideliza:refitted').length;
    if (then === null) {
      document.querySelector('[data-testid="as-of-latest"]').click();
    } else {
      input.value = then;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
    return back;
  }, [first, then]);
}

/**
 * After `datesInARow`: waits until `fits` fits are back and no busy status is shown, then checks
 * that the busy status was shown once and cleared only after the last fit came back.
 */
async function busyUntilTheLastFit(page, fits) {
  await page.waitForFunction((n) => performance.getEntriesByName('fideliza:refitted').length === n
    && !document.querySelector('.status--busy'), fits, { timeout: 30000 });
  const [log, cleared, arrivals] = await page.evaluate(() => [window.__busyLog, window.__busyCleared,
    performance.getEntriesByName('fideliza:refitted').map(m => m.startTime)]);
  assert.deepEqual(log, [false, true, false], 'busy once');
  assert.ok(cleared >= arrivals.at(-1), `busy until the last fit is back (cleared at ${cleared} ms, fits at ${arrivals})`);
}

/** The Fuga page's one-time buyers, total CLV and P(alive) histogram equal `expected`'s (the engine's summary at `date`). */
async function fugaShows(page, expected, date) {
  await page.getByTestId('nav-fuga').click();
  await page.waitForSelector('[data-testid="chart-p-alive"] canvas', { timeout: 30000 });
  const kpi = async (id) => parseEs(await page.getByTestId(id).innerText());
  assert.equal(await kpi('kpi-one-time'), expected.p_alive_histogram.one_time_buyers);
  const clv = expected.clv_by_tier.reduce((s, g) => s + g.clv, 0);
  const shown = await kpi('kpi-clv');
  assert.ok(Math.abs(shown - clv) <= 1e-4 * Math.abs(clv), `total CLV at ${date}: ${shown} vs ${clv}`);
  const pAlive = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('[data-testid="chart-p-alive"]'))
    .getOption().series[0].data.map(d => d.value));
  assert.deepEqual(pAlive, [...expected.p_alive_histogram.bins, expected.p_alive_histogram.one_time_buyers]);
}

const ROUTES = ['resumen', 'rfv', 'piramide', 'satisfaccion', 'fuga', 'clientes', 'campanas', 'datos', 'ajustes', 'presentacion', 'informe'];

export const tests = {
  async 'drill-down list: a segment\'s customers with their totals, search, order and CSV'({ page, baseUrl, artifacts }) {
    const expected = demoSummary().segments.find(s => s.segment === 'AtRisk');
    assert.ok(expected.customers > 50, 'the demo has more than a page of at-risk customers');
    await loadDemo(page, baseUrl);
    await page.goto(`${baseUrl}#/clientes?ver=segment:at_risk`);
    await page.getByTestId('customers-title').waitFor();
    assert.equal(await page.getByTestId('customers-title').innerText(), 'Segmento: En riesgo');
    const totals = await page.getByTestId('customers-totals').innerText();
    assert.equal(parseEs(totals.split(' clientes')[0]), expected.customers);
    assert.equal(parseEs(totals.split('ventas ')[1].split(' ·')[0]), Number(expected.value.toFixed(2)));
    assert.equal(await page.getByTestId('customer-row').count(), 50, 'first page of 50');
    const pages = Math.ceil(expected.customers / 50);
    assert.equal(await page.getByTestId('customers-page').innerText(), `Página 1 de ${pages}`);
    // Most valuable first.
    const values = await page.$$eval('[data-testid="customer-row"] td[data-col="value"]', tds => tds.map(td => td.innerText));
    const numbers = values.map(parseEs);
    assert.deepEqual([...numbers].sort((a, b) => b - a), numbers);
    await page.screenshot({ path: join(artifacts, 'customers.png'), fullPage: true });

    // The CSV holds every customer of the group, not only the page shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customers-export').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff'), 'BOM for Excel');
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, expected.customers + 1);
    assert.match(lines[0], /^Código;Nombre;Segmento;/);
    assert.ok(lines.slice(1).every(l => l.split(';')[2] === 'En riesgo'));

    // Search narrows the list to the customer typed.
    const firstId = await page.locator('[data-testid="customer-row"] th').first().innerText();
    await page.getByTestId('customers-search').fill(firstId);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-row"]').length === 1);
    assert.equal(await page.locator('[data-testid="customer-row"] th').innerText(), firstId);
  },

  async 'a chart downloads as a PNG image at twice the screen resolution'({ page, baseUrl }) {
    await loadDemo(page, baseUrl);
    await page.waitForSelector('[data-testid="chart-segments"] canvas');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-segments-png').click()]);
    assert.match(download.suggestedFilename(), /^fideliza-clientes-por-segmento-rfv\.png$/);
    const png = readFileSync(await download.path());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const width = png.readUInt32BE(16);
    const shown = await page.evaluate(() => document.querySelector('[data-testid="chart-segments"]').clientWidth);
    assert.equal(width, shown * 2, 'pixel ratio 2');
  },

  async 'a diagnosis table downloads as CSV with plain numbers'({ page, baseUrl }) {
    const champions = demoSummary().segments.find(s => s.segment === 'Champions');
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-rfv').click();
    await page.getByTestId('segment-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('segment-table-csv').click()]);
    assert.equal(download.suggestedFilename(), 'fideliza-segmentos-rfv.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff'));
    const rows = csv.slice(1).trimEnd().split('\r\n').map(l => l.split(';'));
    assert.equal(rows[0][0], 'Segmento');
    const row = rows.find(r => r[0] === 'Campeones');
    assert.equal(row[1], String(champions.customers));
    assert.equal(row[3], champions.value.toFixed(2).replace('.', ','), 'value as a plain number');
    assert.equal(rows.length, 1 + 11 + 1, 'header, 11 segments, total');
  },

  async 'customer card: opened from the list, its figures equal the engine\'s customers.csv'({ page, baseUrl, artifacts }) {
    const [header, ...rows] = demoOutputs().customers.trim().split('\n').map(l => l.split(','));
    const col = name => header.indexOf(name);
    await loadDemo(page, baseUrl);
    await page.goto(`${baseUrl}#/clientes?ver=segment:champions`);
    await page.getByTestId('customer-link').first().click();
    await page.getByTestId('card-title').waitFor();
    const id = (await page.getByTestId('card-title').innerText()).split(' ').pop();
    const row = rows.find(r => r[col('customer_id')] === id);
    assert.ok(row, `customer ${id} in customers.csv`);
    assert.equal(await page.getByTestId('card-segment').innerText(), 'Campeones');
    assert.equal(row[col('segment')], 'champions');
    assert.equal((await page.getByTestId('card-rfv').innerText()).replace(/ \/ /g, ''), row[col('rfv_code')]);
    assert.equal(parseEs(await page.getByTestId('card-frequency').innerText()), Number(row[col('frequency')]));
    assert.equal(parseEs(await page.getByTestId('card-value').innerText()), Number(row[col('value')]));
    // The models are fitted again in wasm: the optimum agrees with the native one to ~1e-5.
    const near = (shown, expected, tolerance) => assert.ok(Math.abs(shown - expected) <= tolerance, `${shown} vs ${expected}`);
    const clv = Number(row[col('clv_12m')]);
    near(parseEs(await page.getByTestId('card-clv').innerText()), clv, 0.01 + 1e-4 * clv);
    near(parseEs(await page.getByTestId('card-p-alive').innerText()), Number(row[col('p_alive')]) * 100, 0.051);
    assert.match(await page.getByTestId('card-action').innerText(), /Acción sugerida: .{20,}/);
    const tickets = await page.getByTestId('card-ticket').count();
    assert.ok(tickets > 0, 'tickets listed');
    // The tickets table downloads as CSV, amounts as plain numbers.
    const [ticketsCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('card-tickets-csv').click()]);
    assert.equal(ticketsCsv.suggestedFilename(), `fideliza-compras-${id.toLowerCase()}.csv`);
    const ticketRows = readFileSync(await ticketsCsv.path(), 'utf8').slice(1).trimEnd().split('\r\n').map(l => l.split(';'));
    assert.equal(ticketRows.length, tickets + 1, 'header and one line per ticket shown');
    const shownAmount = await page.locator('[data-testid="card-ticket"] td:last-child').first().innerText();
    assert.equal(Number(ticketRows[1].at(-1).replace(',', '.')), parseEs(shownAmount));
    await page.waitForSelector('[data-testid="chart-card-timeline"] canvas');
    await page.screenshot({ path: join(artifacts, 'customer-card.png'), fullPage: true });
    await page.getByTestId('card-back').click();
    await page.getByTestId('customers-title').waitFor();
    assert.equal(await page.getByTestId('customers-title').innerText(), 'Segmento: Campeones');
  },

  async 'Ajustes: a new window recomputes the numbers like the engine, bad cuts are refused, all is remembered'({ page, baseUrl, artifacts }) {
    const six = demoOutputs(['--window-months', '6']).summary.kpis;
    const twelve = demoSummary().kpis;
    assert.notEqual(six.active_customers, twelve.active_customers);
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-ajustes').click();
    await page.getByTestId('window-months').fill('6');
    await page.getByTestId('window-months').press('Enter');
    await page.getByTestId('window-months').blur();
    await page.getByTestId('nav-resumen').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="kpi-active"]')?.innerText.replace(/\D/g, '') === String(n),
      six.active_customers, { timeout: 10000 });
    assert.equal(parseEs(await page.getByTestId('kpi-value').innerText()), Number(six.value.toFixed(2)));

    await page.getByTestId('nav-ajustes').click();
    await page.getByTestId('cut-platino').fill('60');
    await page.getByTestId('cut-platino').blur();
    await page.getByTestId('settings-refusal').waitFor();
    assert.match(await page.getByTestId('settings-refusal').innerText(), /más de 100/);
    assert.equal(await page.getByTestId('cut-plomo').innerText(), 'Plomo: 30,0\u00a0%', 'refused cuts leave the pyramid as it was');
    await page.screenshot({ path: join(artifacts, 'settings.png'), fullPage: true });

    await page.reload();
    await page.getByTestId('window-months').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('window-months').inputValue(), '6', 'settings remembered after a reload');
    await page.getByTestId('settings-restore').click();
    await page.getByTestId('nav-resumen').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="kpi-active"]')?.innerText.replace(/\D/g, '') === String(n),
      twelve.active_customers, { timeout: 10000 });
  },

  async 'Ajustes: the windows a month either side are prepared ahead, and stepping to one shows its figures at once'({ page, baseUrl }) {
    const eleven = demoOutputs(['--window-months', '11']).summary.kpis;
    const three = demoOutputs(['--window-months', '3']).summary.kpis;
    const marks = (name) => page.evaluate((n) => performance.getEntriesByName(`fideliza:${n}`).length, name);
    const shows = (kpis) => page.waitForFunction((n) => document.querySelector('[data-testid="kpi-active"]')?.innerText.replace(/\D/g, '') === String(n),
      kpis.active_customers, { timeout: 10000 });
    const windowOf = async (months) => {
      await page.getByTestId('nav-ajustes').click();
      await page.getByTestId('window-months').fill(String(months));
      await page.getByTestId('window-months').press('Enter');
      await page.getByTestId('window-months').blur();
      await page.getByTestId('nav-resumen').click();
    };
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-ajustes').click();
    await page.waitForFunction(() => performance.getEntriesByName('fideliza:windows-ahead').length > 0, null, { timeout: 10000 });
    const staged = await marks('staging');

    await windowOf(11);
    await shows(eleven);
    assert.equal(parseEs(await page.getByTestId('kpi-value').innerText()), Number(eleven.value.toFixed(2)));
    assert.equal(await marks('staging'), staged, 'eleven months was prepared ahead: nothing left to stage');

    // Three months is no neighbour: its stages are computed after the change (the mark works).
    await windowOf(3);
    await shows(three);
    assert.equal(parseEs(await page.getByTestId('kpi-value').innerText()), Number(three.value.toFixed(2)));
    assert.equal(await marks('staging'), staged + 1);
  },

  async 'Ajustes: a new analysis date is fitted in the worker and gives the engine\'s figures'({ page, baseUrl, artifacts }) {
    const date = daysBeforeTheDemoDate(75);
    const expected = demoOutputs(['--as-of', date]).summary;
    assert.equal(expected.as_of_date, date);
    const warnings = [];
    page.on('console', m => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-ajustes').click();
    // Every busy message shown while the date changes.
    await page.evaluate(() => {
      window.__busy = [];
      new MutationObserver(() => {
        const s = document.querySelector('.status--busy');
        if (s && !window.__busy.includes(s.innerText)) window.__busy.push(s.innerText);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('as-of').fill(date);
    await page.getByTestId('as-of').blur();
    await page.waitForFunction(() => window.__busy.length > 0 && !document.querySelector('.status--busy'), null, { timeout: 20000 });
    assert.deepEqual(await page.evaluate(() => window.__busy), ['Ajustando el modelo de compra para la nueva fecha de análisis…']);
    await fugaShows(page, expected, date);
    assert.notDeepEqual(expected.p_alive_histogram, demoSummary().p_alive_histogram, 'the date changes the model figures');
    await page.screenshot({ path: join(artifacts, 'churn-new-date.png'), fullPage: true });
    assert.deepEqual(warnings.filter(w => /model fit|panicked/.test(w)), [], 'the worker fitted, not the page');
  },

  async 'Ajustes: a second date asked for while the first is fitted is the one shown, busy until its fit is back'({ page, baseUrl }) {
    const [first, second] = [75, 40].map(daysBeforeTheDemoDate);
    const expected = demoOutputs(['--as-of', second]).summary;
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-ajustes').click();
    assert.equal(await datesInARow(page, first, second), 0, 'the second date was asked for before the first fit was back');
    await busyUntilTheLastFit(page, 2);
    assert.equal(await page.getByTestId('as-of').inputValue(), second);
    await fugaShows(page, expected, second);
  },

  async 'Ajustes: back to the latest date while a fit is away shows the latest figures, and the late fit changes nothing'({ page, baseUrl }) {
    const first = daysBeforeTheDemoDate(75);
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-ajustes').click();
    assert.equal(await datesInARow(page, first, null), 0, 'the latest date was asked for before the fit was back');
    await busyUntilTheLastFit(page, 1);
    await fugaShows(page, demoSummary(), demoSummary().as_of_date);
  },

  async 'Ajustes: a survey scale set by hand regroups the satisfaction zones'({ page, baseUrl }) {
    const zones = demoSummary().zones;
    const surveyed = zones.defection + zones.indifference + zones.affection;
    const shown = () => page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('[data-testid="chart-zones"]'))
      .getOption().series[0].data.map(d => d.value ?? d));
    await loadDemo(page, baseUrl);
    await page.getByTestId('nav-ajustes').click();
    assert.match(await page.locator('[data-testid="survey-scale"] option[value="file"]').innerText(), /La del archivo \(1 a 5\)/);
    await page.getByTestId('survey-scale').selectOption('10');
    await page.getByTestId('nav-satisfaccion').click();
    await page.waitForSelector('[data-testid="chart-zones"] canvas');
    // The demo's 1–5 answers read on 0–10 are all "deserción" (0–6).
    assert.deepEqual(await shown(), [surveyed, 0, 0]);
    await page.getByTestId('nav-ajustes').click();
    await page.getByTestId('survey-scale').selectOption('file');
    await page.getByTestId('nav-satisfaccion').click();
    await page.waitForSelector('[data-testid="chart-zones"] canvas');
    assert.deepEqual(await shown(), [zones.defection, zones.indifference, zones.affection]);
  },

  async 'language switch: menus, titles and numbers in English, remembered after a reload'({ page, baseUrl, artifacts }) {
    const kpis = demoSummary().kpis;
    await loadDemo(page, baseUrl);
    assert.equal(await page.getByTestId('nav-piramide').innerText(), 'Pirámide');
    await page.getByTestId('language').selectOption('en');
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-piramide"]').innerText === 'Pyramid');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const value = await page.getByTestId('kpi-value').innerText();
    assert.equal(value, `S/\u00a0${kpis.value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    await page.goto(`${baseUrl}#/clientes?ver=tier:oro`);
    await page.getByTestId('customers-title').waitFor();
    assert.equal(await page.getByTestId('customers-title').innerText(), 'Tier: Gold');
    await page.reload();
    await page.getByTestId('customers-title').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('customers-title').innerText(), 'Tier: Gold', 'language remembered');
    await page.goto(`${baseUrl}#/resumen`);
    await page.getByTestId('kpi-active').waitFor();
    await page.screenshot({ path: join(artifacts, 'summary-en.png'), fullPage: true });
  },

  async 'imported files (all four kinds): every page shows the engine\'s figures'({ page, baseUrl, artifacts }) {
    const dir = demoFiles(300);
    const files = { sales: 'ventas.csv', customers: 'clientes.csv', surveys: 'encuestas.csv', complaints: 'quejas.csv' };
    const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, join(dir, f)]));
    const expected = analyzeFiles(paths);
    await page.goto(`${baseUrl}#/datos`);
    await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30000 });
    await page.getByTestId('file-input').setInputFiles(Object.values(paths));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-kind"]').length === 4, null, { timeout: 30000 });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click({ timeout: 60000 });
    await page.getByTestId('import-notice').waitFor({ timeout: 60000 });

    const number = async (testid) => parseEs(await page.getByTestId(testid).innerText());
    await page.getByTestId('nav-resumen').click();
    await page.getByTestId('kpi-active').waitFor();
    assert.equal(await number('kpi-active'), expected.kpis.active_customers);
    assert.equal(await number('kpi-value'), Number(expected.kpis.value.toFixed(2)));

    await page.getByTestId('nav-rfv').click();
    await page.getByTestId('segment-total-customers').waitFor();
    assert.equal(await number('segment-total-customers'), expected.kpis.active_customers);

    await page.getByTestId('nav-piramide').click();
    await page.getByTestId('tier-row-platino').waitFor();
    const platino = expected.pyramid.tiers.find(t => t.tier === 'Platino');
    assert.equal(parseEs((await page.getByTestId('tier-row-platino').innerText()).split('\t')[1]), platino.customers);

    await page.getByTestId('nav-satisfaccion').click();
    await page.waitForSelector('[data-testid="chart-zones"] canvas', { timeout: 30000 });
    const zones = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('[data-testid="chart-zones"]'))
      .getOption().series[0].data.map(d => d.value ?? d));
    assert.deepEqual(zones, [expected.zones.defection, expected.zones.indifference, expected.zones.affection]);

    await page.getByTestId('nav-fuga').click();
    await page.getByTestId('kpi-overdue').waitFor();
    assert.equal(await number('kpi-overdue'), expected.overdue.length);

    await page.goto(`${baseUrl}#/clientes?ver=tier:platino`);
    await page.getByTestId('customers-totals').waitFor();
    assert.equal(parseEs((await page.getByTestId('customers-totals').innerText()).split(' clientes')[0]), platino.customers);
    await page.screenshot({ path: join(artifacts, 'imported-platino.png'), fullPage: true });
  },

  async 'every page: no serious or critical axe violation, no stray source text, fits 1280x800 and 1024x768'({ page, baseUrl, artifacts }) {
    await loadDemo(page, baseUrl);
    const problems = [];
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 768 });
      for (const route of ROUTES) {
        await page.goto(`${baseUrl}#/${route}`);
        await page.waitForSelector('.page', { timeout: 30000 });
        await page.waitForTimeout(300); // let charts draw
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${route} at ${width}px scrolls sideways by ${overflow}px`);
        if (width === 1280) {
          // Markup the view macro misread shows up as visible source text.
          const code = (await page.evaluate(() => document.body.innerText)).match(/.{0,30}(move \|\||on:click|=>|\|_\|).{0,30}/);
          if (code) problems.push(`${route} shows source text: ${code[0]}`);
          await page.addScriptTag({ path: axeSource });
          const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
          for (const v of result.violations.filter(v => ['serious', 'critical'].includes(v.impact))) {
            problems.push(`${route}: ${v.id} (${v.impact}) on ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
          }
        }
        await page.screenshot({ path: join(artifacts, `page-${route}-${width}.png`), fullPage: true });
      }
    }
    assert.deepEqual(problems, []);
  },
};
