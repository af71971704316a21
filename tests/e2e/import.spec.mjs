// A user imports their own files: drop them, confirm or adjust the mapping, read the report,
// import all valid rows, and find the same figures as the native engine after a reload. A bad
// file shows its problems (row, column) and stores nothing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles, demoFiles, parseEs } from './engine.mjs';

/** A valid sales file of two lines, two customers (15,00 in all). */
const TWO_SALES = 'cliente;fecha;importe\nA1;03/01/2025;10,00\nA2;04/01/2025;5,00\n';

/** The stored-data line once the workspace has opened (busy messages end with "…"). */
async function storedSummary(page) {
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="stored-summary"]')?.innerText;
    return text && !text.endsWith('…');
  }, null, { timeout: 30000 });
  return page.getByTestId('stored-summary').innerText();
}

/** Every key of the app's `blobs` store (IndexedDB). */
function blobKeys(page) {
  return page.evaluate(() => new Promise((done, fail) => {
    const open = indexedDB.open('fideliza');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const keys = open.result.transaction('blobs').objectStore('blobs').getAllKeys();
      keys.onsuccess = () => { open.result.close(); done(keys.result); };
    };
  }));
}

async function openData(page, baseUrl) {
  await page.goto(`${baseUrl}#/datos`);
  await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30000 });
}

export const tests = {
  async 'the Datos page rehearses an import out of sight, keeps nothing of it, and a real import follows'({ page, baseUrl, artifacts }) {
    await openData(page, baseUrl);
    // The worker imports its small synthetic files and the page decodes and analyses the
    // result, so that both sides run optimised code for the user's first file.
    await page.waitForFunction(() => performance.getEntriesByName('fideliza:rehearsed').length === 1, null, { timeout: 30000 });
    // Nothing of it is listed, stored or shown.
    assert.equal(await page.getByTestId('file-card').count(), 0);
    assert.equal(await storedSummary(page), 'Este espacio de trabajo aún no tiene datos.');
    assert.deepEqual(await blobKeys(page), []);
    const good = join(artifacts, 'ventas-tras-ensayo.csv');
    writeFileSync(good, TWO_SALES);
    await page.getByTestId('file-input').setInputFiles(good);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    assert.match(await storedSummary(page), /^2 líneas de venta · 2 clientes · 0 encuestas · 0 quejas · /);
  },

  async 'drop sales and customer files, review the report, import, reload: KPIs equal the engine'({ page, baseUrl, artifacts }) {
    const dir = demoFiles(300);
    const sales = join(dir, 'ventas.csv');
    const customers = join(dir, 'clientes.csv');
    const expected = analyzeFiles({ sales, customers }).kpis;

    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles([sales, customers]);
    const cards = page.getByTestId('file-card');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-kind"]').length === 2, null, { timeout: 30000 });
    assert.equal(await cards.count(), 2);
    // The kind of each file is recognised from its headers.
    assert.equal(await page.locator('[data-file="ventas.csv"] [data-testid="file-kind"]').inputValue(), 'Ventas');
    assert.equal(await page.locator('[data-file="clientes.csv"] [data-testid="file-kind"]').inputValue(), 'Clientes');
    assert.match(await page.locator('[data-file="ventas.csv"] .mapping__source').innerText(), /windows-1252 · separador punto y coma/);
    await page.screenshot({ path: join(artifacts, 'import-mapping.png'), fullPage: true });

    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 60000 });
    const reports = page.getByTestId('report');
    assert.equal(await reports.count(), 2);
    // Returns are flagged, never dropped silently.
    assert.match(await page.locator('[data-file="ventas.csv"] [data-testid="report-summary"]').innerText(), /filas leídas/);
    assert.match(await page.locator('[data-file="ventas.csv"]').innerText(), /Devolución/);
    await page.screenshot({ path: join(artifacts, 'import-report.png'), fullPage: true });

    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    assert.match(await storedSummary(page), /300 clientes/);
    assert.match(await page.getByTestId('history').innerText(), /ventas\.csv/);

    await page.reload();
    await page.getByTestId('nav-resumen').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    assert.equal(parseEs(await page.getByTestId('kpi-active').innerText()), expected.active_customers);
    assert.equal(parseEs(await page.getByTestId('kpi-value').innerText()), Number(expected.value.toFixed(2)));
  },

  async 'the rows are checked ahead while the mapping is shown; a mapping changed after that is checked anew'({ page, baseUrl, artifacts }) {
    const file = join(artifacts, 'ventas-adelanto.csv');
    writeFileSync(file, 'cliente;fecha;importe;otro\nA1;03/01/2025;10,00;diez\nA2;04/01/2025;5,00;7,00\n');
    const checks = () => page.evaluate(() => performance.getEntriesByName('fideliza:checked').length);
    const checked = n => page.waitForFunction(n => performance.getEntriesByName('fideliza:checked').length === n, n, { timeout: 30000 });
    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles(file);
    // Nobody has clicked "Revisar": the worker checks the rows while the mapping is on screen,
    // and nothing of it shows.
    await checked(1);
    assert.equal(await page.getByTestId('import-review').count(), 0);
    assert.equal(await page.getByTestId('import-progress').count(), 0);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 5000 });
    assert.equal(await checks(), 1, 'the report shown is the one checked ahead');
    assert.equal(await page.getByTestId('report-problem').count(), 0);
    await page.getByTestId('import-discard').click();

    // The amount taken from «otro»: checked ahead again once the mapping stays put.
    await page.getByTestId('column-2').selectOption({ label: '(no importar)' });
    await page.getByTestId('column-3').selectOption({ label: 'Importe' });
    await checked(2);
    // Back to «importe» right before "Revisar": the report is of this mapping, not of the
    // check that ran ahead with «otro».
    await page.getByTestId('column-3').selectOption({ label: '(no importar)' });
    await page.getByTestId('column-2').selectOption({ label: 'Importe' });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('report-problem').count(), 0);
    assert.equal(await checks(), 3);
    await page.getByTestId('import-discard').click();

    // «otro» again: now its check ahead is the report, with the row it cannot read.
    await page.getByTestId('column-2').selectOption({ label: '(no importar)' });
    await page.getByTestId('column-3').selectOption({ label: 'Importe' });
    await checked(4);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 5000 });
    const problems = await page.getByTestId('report-problem').allInnerTexts();
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^2\totro\tdiez\t/);
    assert.equal(await checks(), 4);
    // One valid row: every count agrees with it (singular forms).
    assert.match(await page.getByTestId('report-summary').innerText(), /^2 filas leídas · 1 se importará · 1 con errores \(no se importa\) · 0 avisos$/);
    assert.equal(await page.getByTestId('import-accept').innerText(), 'Importar 1 fila válida');
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo: se guardó 1 fila.' }).waitFor({ timeout: 30000 });
    assert.match(await storedSummary(page), /^1 línea de venta · 1 cliente · 0 encuestas · 0 quejas · /);
  },

  async 'a large file is mapped from its first look while the rest is read; the whole read keeps that mapping'({ page, baseUrl, artifacts }) {
    // 600,000 lines (about 17 MB) under headers no synonym knows: the user maps them by hand.
    const lines = 600000;
    const rows = Array.from({ length: lines }, (_, i) =>
      `${String(i % 5000).padStart(7, '0')};${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2025;${1 + (i % 97)},50`);
    const file = join(artifacts, 'caja-grande.csv');
    writeFileSync(file, `Cod;Dia;Soles\n${rows.join('\n')}\n`);
    const marks = () => page.evaluate(() => ({
      first: performance.getEntriesByName('fideliza:first-look').map(e => e.startTime),
      whole: performance.getEntriesByName('fideliza:inspected').map(e => e.startTime),
    }));
    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('column-0').waitFor({ timeout: 30000 });
    // One snapshot, taken in one turn of the page: what shows while the file is still read.
    const early = await page.evaluate(() => ({
      whole: performance.getEntriesByName('fideliza:inspected').length,
      disabled: document.querySelector('[data-testid="import-check"]').disabled,
      why: document.querySelector('[data-testid="import-why"]').innerText,
      preview: document.querySelector('[data-testid="file-card"]').innerText,
    }));
    assert.match(early.preview, /0000001/, 'the first rows are shown');
    if (early.whole === 0) {
      assert.ok(early.disabled, '"Revisar" waits for the whole file');
      assert.match(early.why, /Leyendo «caja-grande\.csv»/);
    }
    await page.getByTestId('column-0').selectOption({ label: 'Cliente (código)' });
    await page.getByTestId('column-1').selectOption({ label: 'Fecha' });
    await page.getByTestId('column-2').selectOption({ label: 'Importe' });
    const mappedEarly = (await marks()).whole.length === 0;
    console.log(`    first look: mapped by hand ${mappedEarly ? 'before' : 'after'} the whole file was read`);

    await page.getByTestId('file-card').filter({ hasText: /600\s000 filas de datos/ }).waitFor({ timeout: 120000 });
    const { first, whole } = await marks();
    assert.equal(first.length, 1, 'one first look');
    assert.equal(whole.length, 1, 'one whole read');
    assert.ok(first[0] < whole[0], 'the first look comes before the whole file');
    // The whole file's look has the same columns: the user's mapping stays.
    assert.equal(await page.getByTestId('column-2').locator('option:checked').innerText(), 'Importe');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 120000 });
    assert.match(await page.getByTestId('report-summary').innerText(), /^600\s000 filas leídas/);
    assert.equal(await page.getByTestId('report-problem').count(), 0);
  },

  async 'a file with unknown headers is mapped by hand, and the mapping is remembered'({ page, baseUrl, artifacts }) {
    const file = join(artifacts, 'caja.csv');
    writeFileSync(file, 'Cod;Dia;Soles\n0071;03/01/2025;12,50\n0072;04/01/2025;8,00\n0071;05/02/2025;20,00\n');
    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('column-0').waitFor({ timeout: 30000 });
    assert.match(await page.getByTestId('import-why').innerText(), /indique la columna/);
    assert.ok(await page.getByTestId('import-check').isDisabled());

    await page.getByTestId('column-0').selectOption({ label: 'Cliente (código)' });
    await page.getByTestId('column-1').selectOption({ label: 'Fecha' });
    await page.getByTestId('column-2').selectOption({ label: 'Importe' });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    assert.match(await storedSummary(page), /^3 líneas de venta · 2 clientes/);

    // The same headers again: the confirmed mapping is applied without asking.
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('column-0').waitFor({ timeout: 30000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-check"]').disabled, null, { timeout: 10000 });
    assert.equal(await page.getByTestId('column-2').locator('option:checked').innerText(), 'Importe');
  },

  async 'a malformed file shows row and column of each problem and stores nothing'({ page, baseUrl, artifacts }) {
    const good = join(artifacts, 'ventas-buenas.csv');
    writeFileSync(good, TWO_SALES);
    const bad = join(artifacts, 'ventas-malas.csv');
    writeFileSync(bad, 'cliente;fecha;importe\nB1;32/01/2025;10,00\nB2;04/01/2025;diez\n');
    const garbage = join(artifacts, 'foto.csv');
    writeFileSync(garbage, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0, 0]));

    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles(good);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    const before = await storedSummary(page);

    // Every row of the bad file has an error: the report says where, and nothing can be imported.
    await page.getByTestId('file-input').setInputFiles(bad);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    const problems = await page.getByTestId('report-problem').allInnerTexts();
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^2\tfecha\t32\/01\/2025\tFila 2, columna «fecha»/);
    assert.match(problems[1], /^3\timporte\tdiez\tFila 3, columna «importe»/);
    assert.ok(await page.getByTestId('import-accept').isDisabled());
    const download = page.waitForEvent('download');
    await page.getByTestId('report-download').click();
    const csv = await (await download).path().then(p => import('node:fs').then(fs => fs.readFileSync(p, 'utf8')));
    assert.match(csv, /32\/01\/2025/);
    await page.screenshot({ path: join(artifacts, 'import-bad-report.png'), fullPage: true });
    await page.getByTestId('import-discard').click();
    assert.equal(await storedSummary(page), before);

    // A file that is not a table at all says so, and the rest of the page keeps working.
    await page.getByTestId('file-card').getByRole('button', { name: /Quitar/ }).click();
    await page.getByTestId('file-input').setInputFiles(garbage);
    await page.getByTestId('file-error').waitFor({ timeout: 30000 });
    assert.match(await page.getByTestId('file-error').innerText(), /foto\.csv/);
    await page.reload();
    await page.getByTestId('stored-summary').waitFor({ timeout: 30000 });
    assert.equal(await storedSummary(page), before);
  },

  async 'the header language select shows the Data page in English, and back in Spanish'({ page, baseUrl, artifacts }) {
    const good = join(artifacts, 'ventas-idioma.csv');
    writeFileSync(good, TWO_SALES);
    const unknown = join(artifacts, 'caja-idioma.csv');
    writeFileSync(unknown, 'Cod;Dia;Soles\n0071;03/01/2025;12,50\n0072;04/01/2025;8,00\n');
    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles(good);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    await storedSummary(page);
    await page.getByTestId('storage-usage').filter({ hasText: /En uso|no informa/ }).waitFor({ timeout: 10000 });

    await page.getByTestId('language').selectOption('en');
    const main = page.locator('main');
    await main.getByRole('heading', { level: 1, name: 'Data', exact: true }).waitFor({ timeout: 5000 });
    // Messages set before the switch follow the language too.
    assert.equal(await page.getByTestId('import-notice').innerText(), 'Done: 2 rows were saved. See the Summary.');
    // A file waiting for its mapping, so the mapping card is on screen too.
    await page.getByTestId('file-input').setInputFiles(unknown);
    await page.getByTestId('column-0').waitFor({ timeout: 30000 });
    assert.match(await storedSummary(page), /^2 sales lines · 2 customers · 0 surveys · 0 complaints · saved on \d{4}-\d{2}-\d{2} /);
    const history = await page.getByTestId('history').innerText();
    assert.match(history, /Rows read/);
    assert.match(history, /ventas-idioma\.csv\tSales\t2\t2\t0\t0/);
    assert.match(await page.getByTestId('import-why').innerText(), /^In “caja-idioma\.csv”, choose the column for “Customer id”/);
    assert.match(await page.locator('[data-file="caja-idioma.csv"] .mapping__source').innerText(), /delimiter semicolon · headers in row 1 · 2 data rows/);
    assert.ok((await page.getByTestId('column-0').locator('option').allInnerTexts()).includes('Customer id'));
    // The kind's value stays the same; only its text is translated.
    assert.equal(await page.getByTestId('file-kind').inputValue(), 'Ventas');
    assert.equal(await page.getByTestId('file-kind').locator('option:checked').innerText(), 'Sales');
    assert.match(await page.getByTestId('storage-usage').innerText(), /^(In use: [\d.]+ MB of [\d,.]+ MB available\.|This browser does not report)/);
    assert.equal(await page.getByTestId('workspace-create').innerText(), 'Create new');
    assert.equal(await page.getByTestId('file-card').getByRole('button').getAttribute('aria-label'), 'Remove caja-idioma.csv');
    // No Spanish left on the page (file names and the workspace's name aside).
    const text = await main.innerText();
    for (const word of ['Datos', 'Importar', 'Suelte', 'filas', 'Espacio', 'Almacenamiento', 'Quitar', 'Fecha', 'Revisar', 'indique']) {
      assert.ok(!text.includes(word), `Spanish "${word}" left in the English page`);
    }
    await page.screenshot({ path: join(artifacts, 'datos-en.png'), fullPage: true });

    // The validation report in English, with the importer's own messages.
    await page.getByTestId('column-0').selectOption({ label: 'Customer id' });
    await page.getByTestId('column-2').selectOption({ label: 'Amount' });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('report-summary').innerText(), '2 rows read · 2 will be imported · 0 with errors (not imported) · 0 warnings');
    assert.equal(await page.getByTestId('import-accept').innerText(), 'Import the 2 valid rows');
    assert.match(await page.getByTestId('report').locator('h3').innerText(), /caja-idioma\.csv — Sales/);
    await page.getByTestId('import-discard').click();
    assert.equal(await page.getByTestId('import-notice').innerText(), 'Nothing was saved.');

    await page.getByTestId('language').selectOption('es');
    await main.getByRole('heading', { level: 1, name: 'Datos', exact: true }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByTestId('import-notice').innerText(), 'No se guardó nada.');
    assert.match(await storedSummary(page), /^2 líneas de venta · 2 clientes · 0 encuestas · 0 quejas · guardado el \d{2}\/\d{2}\/\d{4} /);
    assert.equal(await page.getByTestId('column-0').locator('option:checked').innerText(), 'Cliente (código)');
    assert.equal(await page.getByTestId('import-check').innerText(), 'Revisar los datos');
    assert.equal(await page.getByTestId('file-kind').locator('option:checked').innerText(), 'Ventas');
    await page.screenshot({ path: join(artifacts, 'datos-es.png'), fullPage: true });
  },

  async 'a full disk (QuotaExceededError) refuses the import with a clear message and keeps the previous data'({ page, baseUrl, artifacts }) {
    await page.goto(baseUrl);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    const before = await page.getByTestId('kpi-active').innerText();
    // Headless Chromium ignores CDP's quota override, so the disk "fills up" here: from now on
    // every IndexedDB write fails the way a full disk makes it fail (QuotaExceededError).
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
      window.__diskFull = true;
    });

    const dir = demoFiles(3000);
    await page.getByTestId('nav-datos').click();
    await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30000 });
    await page.getByTestId('file-input').setInputFiles([join(dir, 'ventas.csv')]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-kind"]').length === 1, null, { timeout: 30000 });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-accept').click({ timeout: 60000 });
    await page.waitForFunction(() => /lleno/.test(document.querySelector('[data-testid="import-notice"]')?.innerText ?? ''), null, { timeout: 60000 });
    const notice = await page.getByTestId('import-notice').innerText();
    assert.match(notice, /almacenamiento del navegador está lleno/);
    assert.match(notice, /los datos anteriores siguen intactos/);
    await page.screenshot({ path: join(artifacts, 'import-quota.png'), fullPage: true });

    // Nothing was lost: the demo is still shown, and is still stored after a reload.
    await page.getByTestId('nav-resumen').click();
    assert.equal(await page.getByTestId('kpi-active').innerText(), before);
    await page.reload();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('kpi-active').innerText(), before);
  },

  async 'a check discarded and redone with another file imports the second file, analysed as such'({ page, baseUrl, artifacts }) {
    // The page prepares the engine for each checked dataset while its report is read; after a
    // discard and another check, what is stored and analysed is the second file.
    const first = join(artifacts, 'ventas-primera.csv');
    writeFileSync(first, TWO_SALES);
    const second = join(artifacts, 'ventas-segunda.csv');
    writeFileSync(second, 'cliente;fecha;importe\nB1;03/01/2025;1,00\nB2;04/01/2025;2,00\nB3;05/01/2025;3,50\n');

    await openData(page, baseUrl);
    await page.getByTestId('file-input').setInputFiles(first);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    await page.waitForTimeout(300); // the engine of this check is prepared after the report's paint
    // Its blobs are written (staged, by the worker) while the report is read; a discard deletes them.
    await page.waitForFunction(() => performance.getEntriesByName('fideliza:staged').length === 1, null, { timeout: 30000 });
    assert.ok((await blobKeys(page)).some(k => k.endsWith('/meta')), 'staged blobs written');
    await page.getByTestId('import-discard').click();
    for (let tries = 0; (await blobKeys(page)).length > 0; tries++) {
      assert.ok(tries < 100, `staged blobs left after the discard: ${await blobKeys(page)}`);
      await page.waitForTimeout(100);
    }
    await page.getByTestId('file-card').getByRole('button', { name: /Quitar/ }).click();

    await page.getByTestId('file-input').setInputFiles(second);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-review').waitFor({ timeout: 30000 });
    assert.match(await page.getByTestId('report-summary').innerText(), /^3 filas leídas/);
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-notice').filter({ hasText: 'Listo' }).waitFor({ timeout: 30000 });
    assert.match(await storedSummary(page), /^3 líneas de venta · 3 clientes/);
    // "Importar" wrote only the manifest: the blobs are the ones the worker staged.
    assert.equal(await page.evaluate(() => performance.getEntriesByName('fideliza:stored-staged').length), 1);
    await page.getByTestId('nav-resumen').click();
    await page.getByTestId('kpi-active').waitFor({ timeout: 30000 });
    assert.equal(parseEs(await page.getByTestId('kpi-active').innerText()), 3);
    assert.equal(parseEs(await page.getByTestId('kpi-value').innerText()), 6.5);
    // One generation stored: the second file's, its stage stamp gone with the commit.
    const keys = await blobKeys(page);
    assert.equal(new Set(keys.map(k => k.split('/').slice(0, 2).join('/'))).size, 1, keys.join(' '));
    assert.ok(!keys.some(k => k.endsWith('/stage')), keys.join(' '));
  },
};
